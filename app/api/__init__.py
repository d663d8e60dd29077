"""JSON API v1: personal tokens, the operations, and the OpenAPI document built from them."""
