"""Static files are linked with ?v=<content hash>: nginx lets browsers keep them a year."""

from __future__ import annotations

import hashlib
import re

from flask import url_for


def test_static_links_carry_the_content_hash(app, client):
    css = (app.static_folder + "/css/app.css").replace("//", "/")
    with open(css, "rb") as fh:
        expected = hashlib.sha256(fh.read()).hexdigest()[:12]
    with app.test_request_context():
        assert url_for("static", filename="css/app.css") == f"/static/css/app.css?v={expected}"
        # An unknown file gets no version (and is a 404 anyway).
        assert url_for("static", filename="css/none.css") == "/static/css/none.css"
    page = client.get("/login", follow_redirects=True).get_data(as_text=True)
    assert re.search(r'href="/static/css/app\.css\?v=[0-9a-f]{12}"', page)
    response = client.get(f"/static/css/app.css?v={expected}")
    response.close()
    assert response.status_code == 200
