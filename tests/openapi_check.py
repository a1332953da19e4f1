#!/usr/bin/env python3
"""Checks OpenAPI exports with tools we did not write (used by tests/tests/openapi.rs).

For each file given: validates the document against the official OpenAPI 3.1 schema
(openapi-spec-validator), then validates, with jsonschema (draft 2020-12), every sample body
in the document against its schema, and every `examples` entry of a component schema against
that schema. Sample bodies are also checked strictly: a key no schema declares is an error.

With --spec-only (the broken-page corpus: many documents, pages that contradict their samples),
only the OpenAPI 3.1 schema is checked. A file that is not JSON is a spec error.

Prints one JSON report on stdout: {file: {"spec_errors": [...], "samples": [...], "examples": [...]}}.
Needs: pip install openapi-spec-validator jsonschema
"""

import copy
import json
import sys
import urllib.parse

try:
    import jsonschema
    from openapi_spec_validator.validation.validators import OpenAPIV31SpecValidator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
except ImportError as e:  # the Rust test turns this exit code into a failure with the fix
    print(f"missing Python module: {e.name}; run: python3 -m pip install openapi-spec-validator jsonschema",
          file=sys.stderr)
    sys.exit(3)

URI = "urn:booster:export"


def pointer(parts):
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def ref(parts):
    return {"$ref": URI + "#" + urllib.parse.quote(pointer(parts), safe="/~")}


def validator(doc, parts):
    registry = Registry().with_resource(URI, Resource.from_contents(doc, default_specification=DRAFT202012))
    return jsonschema.Draft202012Validator(ref(parts), registry=registry)


def strict(doc):
    """The document with `unevaluatedProperties: false` on every object schema no type derives from."""
    doc = copy.deepcopy(doc)
    schemas = doc.get("components", {}).get("schemas", {})
    bases = set()
    for s in schemas.values():
        for sub in s.get("allOf", []):
            if isinstance(sub, dict) and sub.get("$ref", "").startswith("#/components/schemas/"):
                bases.add(sub["$ref"][len("#/components/schemas/"):])

    def walk(node, top_name=None):
        if isinstance(node, dict):
            if "properties" in node and isinstance(node["properties"], dict) and top_name not in bases:
                node["unevaluatedProperties"] = False
            for k, v in node.items():
                if k == "properties" and isinstance(v, dict):
                    for p in v.values():
                        walk(p)
                elif k.startswith("x-"):
                    continue
                else:
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for name, s in schemas.items():
        walk(s, name)
    return doc


def errors_of(v, instance):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(instance)]


def check(doc, spec_only=False):
    try:
        spec_errors = [e.message for e in OpenAPIV31SpecValidator(doc).iter_errors()]
    except Exception as e:  # the validator raises on some errors (a dangling $ref) instead of listing them
        return {"spec_errors": [f"{type(e).__name__}: {e}"[:2000]], "samples": [], "examples": []}
    report = {"spec_errors": spec_errors, "samples": [], "examples": []}
    if spec_only:
        return report
    strict_doc = strict(doc)
    for path, item in doc.get("paths", {}).items():
        for method, op in item.items():
            if not isinstance(op, dict) or "responses" not in op:
                continue
            bodies = []
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                bodies.append(("request", ["paths", path, method, "requestBody", "content", "application/json"], body))
            for status, resp in op["responses"].items():
                media = resp.get("content", {}).get("application/json") if isinstance(resp, dict) else None
                if media and "examples" in media:
                    bodies.append((f"response {status}",
                                   ["paths", path, method, "responses", status, "content", "application/json"], media))
            for kind, parts, media in bodies:
                for name, ex in media.get("examples", {}).items():
                    schema = parts + ["schema"]
                    report["samples"].append({
                        "operation": op.get("operationId"),
                        "kind": kind,
                        "name": name,
                        "sources": ex.get("x-booster-sources", []),
                        "errors": errors_of(validator(doc, schema), ex["value"]),
                        "strict_errors": errors_of(validator(strict_doc, schema), ex["value"]),
                    })

    def walk(node, parts):
        if isinstance(node, dict):
            if isinstance(node.get("examples"), list):
                v = validator(doc, parts)
                for ex in node["examples"]:
                    report["examples"].append({"at": pointer(parts), "value": ex, "errors": errors_of(v, ex)})
            for k, v in node.items():
                if not k.startswith("x-") and k != "examples":
                    walk(v, parts + [k])
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, parts + [i])

    walk(doc.get("components", {}).get("schemas", {}), ["components", "schemas"])
    return report


def main():
    args = sys.argv[1:]
    spec_only = "--spec-only" in args
    out = {}
    for path in (a for a in args if a != "--spec-only"):
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (ValueError, RecursionError) as e:  # not UTF-8, not JSON, or nested past Python's limit
            out[path] = {"spec_errors": [f"not JSON: {type(e).__name__}: {e}"[:2000]], "samples": [], "examples": []}
            continue
        out[path] = check(doc, spec_only)
    json.dump(out, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
