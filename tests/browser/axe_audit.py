"""axe-core (the copy bundled with axe-playwright-python) over the pages a test visits."""

from __future__ import annotations

from dataclasses import dataclass, field

# The impacts that fail a page; "moderate" and "minor" are reported, not failed.
FAILING = frozenset({"serious", "critical"})
# WCAG 2.1 A and AA rules, and axe's best practices.
OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
}


@dataclass
class Audit:
    """Violations found on each audited page, by page name."""

    pages: dict[str, list[dict]] = field(default_factory=dict)

    def run(self, page, name: str) -> list[dict]:
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(page, options=OPTIONS)
        violations = results.response["violations"]
        self.pages[f"{name} ({page.url})"] = violations
        return violations

    def failures(self) -> list[str]:
        """One line per serious or critical violation: page, rule, and the first nodes."""
        lines = []
        for name, violations in self.pages.items():
            for v in violations:
                if v.get("impact") in FAILING:
                    targets = ", ".join(str(n["target"]) for n in v["nodes"][:3])
                    lines.append(f"{name}: {v['id']} ({v['impact']}): {v['help']} [{targets}]")
        return lines
