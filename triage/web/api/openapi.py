"""The OpenAPI 3.1 description of the API. The case-file schema is the shipped JSON Schema, embedded as a
component, so the document and the validator cannot disagree."""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

from triage.casefile import case_file_schema


def _rewrite_refs(node: Any) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                out[key] = "#/components/schemas/CaseFile_" + value.removeprefix("#/$defs/")
            else:
                out[key] = _rewrite_refs(value)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(v) for v in node]
    return node


def _problem(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def _json(description: str, ref: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
    }


REFERENCE = {
    "name": "reference",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "maxLength": 40},
    "description": "Case reference, e.g. SC-2026-0001",
}
COMMON = {
    "401": _problem("No valid token"),
    "403": _problem("The token's role may not do this"),
    "429": _problem("Too many requests"),
}


@cache
def _document() -> str:
    schema = copy.deepcopy(case_file_schema())
    defs = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    components: dict[str, Any] = {"CaseFile": _rewrite_refs(schema)}
    for name, value in defs.items():
        components[f"CaseFile_{name}"] = _rewrite_refs(value)
    components.update(
        {
            "Problem": {
                "type": "object",
                "required": ["title", "status"],
                "properties": {
                    "type": {"type": "string"},
                    "title": {"type": "string"},
                    "status": {"type": "integer"},
                    "detail": {"type": "string"},
                    "errors": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["field", "message"],
                            "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
                        },
                    },
                },
            },
            "Me": {
                "type": "object",
                "required": ["email", "role"],
                "properties": {
                    "email": {"type": "string"},
                    "name": {"type": "string"},
                    "role": {"type": "string"},
                    "token": {"type": "string"},
                },
            },
            "CaseSummary": {
                "type": "object",
                "required": ["reference", "status", "received_on"],
                "properties": {
                    "reference": {"type": "string"},
                    "status": {"type": "string"},
                    "received_on": {"type": "string", "format": "date"},
                    "jurisdiction": {"type": "string"},
                    "code": {"type": "string"},
                    "member_name": {"type": "string"},
                },
            },
            "CaseList": {
                "type": "object",
                "required": ["cases", "page", "per_page", "total"],
                "properties": {
                    "cases": {"type": "array", "items": {"$ref": "#/components/schemas/CaseSummary"}},
                    "page": {"type": "integer", "minimum": 1},
                    "per_page": {"type": "integer", "minimum": 1},
                    "total": {"type": "integer", "minimum": 0},
                },
            },
            "Case": {
                "type": "object",
                "required": ["reference", "status", "version", "case_file"],
                "properties": {
                    "reference": {"type": "string"},
                    "status": {"type": "string"},
                    "version": {"type": "integer"},
                    "case_file": {
                        "type": "object",
                        "description": "The case in the case-file format; "
                        "`complainant` is left out for roles that may not see it.",
                    },
                    "links": {"type": "object"},
                },
            },
            "Assessment": {
                "type": "object",
                "required": ["reference", "recommendation", "code_engaged_probability", "breach_probability"],
                "properties": {
                    "reference": {"type": "string"},
                    "case_version": {"type": "integer"},
                    "model_version": {"type": "string"},
                    "recommendation": {"type": "string"},
                    "code_engaged_probability": {"type": "number"},
                    "breach_probability": {"type": "number"},
                    "result": {"type": "object"},
                    "words": {
                        "type": "object",
                        "description": "The tool's view in the sentences the case page and the note use "
                        "(recommendation_label, status_sentence, engaged_sentence, authorship_sentence, "
                        "article10_sentence, outcome_chances, open_questions, urgent).",
                    },
                },
            },
        }
    )
    document = {
        "openapi": "3.1.0",
        "info": {
            "title": "Standards Triage API",
            "version": "1.0.0",
            "description": "Create Code of Conduct complaint cases from case files, read cases and run the "
            "initial-assessment scorer. Every request needs `Authorization: Bearer <token>`; a token acts with "
            "the role of the account it belongs to (monitoring officers create and assess; Independent Persons "
            "and panel members read referred cases; analysts read cases without the complainant).",
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearerAuth": []}],
        "paths": {
            "/me": {
                "get": {
                    "operationId": "me",
                    "summary": "Who the token acts as",
                    "responses": {"200": _json("The token's owner", "Me"), **COMMON},
                }
            },
            "/cases": {
                "get": {
                    "operationId": "listCases",
                    "summary": "Cases the token may see, newest first",
                    "parameters": [
                        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100000}},
                        {
                            "name": "per_page",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 100},
                        },
                    ],
                    "responses": {
                        "200": _json("One page of cases", "CaseList"),
                        "400": _problem("Bad paging parameters"),
                        **COMMON,
                    },
                },
                "post": {
                    "operationId": "createCase",
                    "summary": "Create a case from a case file (officers)",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CaseFile"}}},
                    },
                    "responses": {
                        "201": _json("The case was created", "Case"),
                        "400": _problem("The body is not a JSON object"),
                        "409": _problem("No council is set up"),
                        "413": _problem("The body is larger than 1 MB"),
                        "422": _problem("The case file is not valid; `errors` names each field"),
                        **COMMON,
                    },
                },
            },
            "/cases/{reference}": {
                "get": {
                    "operationId": "getCase",
                    "summary": "One case, if the token may see it",
                    "parameters": [REFERENCE],
                    "responses": {
                        "200": _json("The case", "Case"),
                        "404": _problem("No such case for this token"),
                        **COMMON,
                    },
                }
            },
            "/cases/{reference}/assessments": {
                "post": {
                    "operationId": "assessCase",
                    "summary": "Run the scorer on the case as it is now and store the result (officers)",
                    "parameters": [REFERENCE],
                    "responses": {
                        "201": _json("The stored assessment", "Assessment"),
                        "404": _problem("No such case for this token"),
                        "503": _problem("The scorer is not available"),
                        **COMMON,
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
            "schemas": components,
        },
    }
    return json.dumps(document)


def openapi_document(code_slugs: list[str] | None = None) -> dict:
    """The document; with ``code_slugs``, the case file's ``code`` lists the Codes loaded in this installation."""
    document = json.loads(_document())
    if code_slugs:
        code = document["components"]["schemas"]["CaseFile"]["properties"]["code"]
        code["enum"] = list(code_slugs)
    return document
