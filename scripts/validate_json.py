#!/usr/bin/env python3
"""Validates JSON documents against a published genai-qa schema with Python's jsonschema.

    python3 scripts/validate_json.py SCHEMA DOCUMENT...

A validator outside JavaScript, so that the schemas are checked as Python users read them
(Python's re knows no \\p{...} escapes, as Go's RE2 does not). Prints one line per document,
"ok: FILE" or its first errors, and exits 1 when a document is invalid, 2 when the schema
cannot be used (not a valid schema, or a pattern that Python cannot compile).
"""
import json
import re
import sys

import jsonschema


def validate(schema_path, documents):
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    failed = False
    for document in documents:
        with open(document, encoding="utf-8") as f:
            data = json.load(f)
        errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
        if not errors:
            print(f"ok: {document}")
            continue
        failed = True
        for error in errors[:5]:
            where = "/" + "/".join(str(p) for p in error.absolute_path)
            print(f"invalid: {document}: {where}: {error.message}")
    return 1 if failed else 0


def main(argv):
    if len(argv) < 3:
        print("usage: validate_json.py SCHEMA DOCUMENT...", file=sys.stderr)
        return 2
    try:
        return validate(argv[1], argv[2:])
    except (jsonschema.exceptions.SchemaError, re.error) as error:
        message = str(getattr(error, "message", error)).splitlines()[0][:300]
        print(f"{argv[1]}: the schema cannot be used: {type(error).__name__}: {message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
