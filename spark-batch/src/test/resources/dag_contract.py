"""Prints, as JSON, what an Airflow DAG file submits, without Airflow: read with the `ast` module.

Usage: python3 dag_contract.py DAG_FILE
Output: {"dag": {kwargs of DAG(...)}, "default_args": {...}, "spark_submit": [{kwargs}], "sensors": [{kwargs}]}
Literal values are given as values; module-level string constants are resolved; anything else (a call, an
expression) is given as its source text.
"""

import ast
import json
import sys

def main(path: str) -> None:
    tree = ast.parse(open(path, encoding="utf-8").read(), filename=path)
    constants = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            value = evaluate(node.value, constants)
            constants[name] = value

    out = {"dag": {}, "default_args": constants.get("default_args"), "spark_submit": [], "sensors": []}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = call_name(node)
        kwargs = {kw.arg: evaluate(kw.value, constants) for kw in node.keywords if kw.arg}
        if name == "DAG":
            out["dag"] = kwargs
        elif name == "SparkSubmitOperator":
            out["spark_submit"].append(kwargs)
        elif name.endswith("Sensor"):
            kwargs["_class"] = name
            out["sensors"].append(kwargs)
    print(json.dumps(out, default=str))

def call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""

def evaluate(node, constants):
    if isinstance(node, ast.Name) and node.id in constants:
        return constants[node.id]
    if isinstance(node, ast.Call) and call_name(node) == "get" and isinstance(node.func, ast.Attribute) \
            and ast.unparse(node.func.value) == "os.environ" and len(node.args) == 2:
        return evaluate(node.args[1], constants)  # an environment setting: its default
    if isinstance(node, (ast.List, ast.Tuple)):
        return [evaluate(e, constants) for e in node.elts]
    if isinstance(node, ast.Dict):
        return {evaluate(k, constants): evaluate(v, constants) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            else:
                parts.append(str(evaluate(value.value, constants)))
        return "".join(parts)
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError):
        return ast.unparse(node)

if __name__ == "__main__":
    main(sys.argv[1])
