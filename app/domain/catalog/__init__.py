"""The role catalog: its model, the YAML loader and schema, the words it is matched by."""
