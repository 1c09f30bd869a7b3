"""Drives MAIA's MCP server with the official MCP Python SDK (PyPI `mcp`) and prints what it saw as one JSON object.

Usage:
    mcp_client.py stdio MAIA ARGS_ANA ARGS_BEN   `MAIA mcp ARGS…` is spawned once per user (ARGS: JSON lists)
    mcp_client.py http URL KEY_ANA KEY_BEN       Streamable HTTP at URL, each user with a bearer API key

With MCP_STDOUT_LOG set, everything `maia mcp` writes on stdout is also appended to that file, so that the test can
check that stdout carries nothing but JSON-RPC. Two users, ana and ben, run their sessions at the same time: each stores a note with a secret word, waits until the
other has stored theirs, then calls every tool (good and bad arguments), reads the resources and gets the prompt.
The Swift test (MCPServerTests) checks the report, including that no answer of one holds the other's secret.
"""

import contextlib
import json
import os
import sys

import anyio
from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client

SECRETS = {"ana": "heliotrope", "ben": "marzipan"}


@contextlib.asynccontextmanager
async def connect(user, how):
    if sys.argv[1] == "stdio":
        command, args = sys.argv[2], ["mcp"] + how
        if os.environ.get("MCP_STDOUT_LOG"):
            args = ["-c", '"$0" "$@" | tee -a "$MCP_STDOUT_LOG"', command] + args
            command = "/bin/sh"
        params = StdioServerParameters(command=command, args=args, env=dict(os.environ))
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            yield session
    else:
        client = create_mcp_http_client(headers={"Authorization": f"Bearer {how}"})
        async with client, streamable_http_client(sys.argv[2], http_client=client) as (read, write, *_):
            async with ClientSession(read, write) as session:
                yield session


def outcome(result):
    text = "".join(block.text for block in result.content if block.type == "text")
    return {"error": bool(result.is_error), "text": text, "structured": result.structured_content}


async def scenario(user, how, stored, report):
    other = "ben" if user == "ana" else "ana"
    seen = report[user] = {"calls": {}, "bad": {}}
    async with connect(user, how) as session:
        init = await session.initialize()
        seen["server"] = init.server_info.name
        seen["protocol"] = init.protocol_version
        tools = (await session.list_tools()).tools
        seen["tools"] = {
            tool.name: {
                "readOnly": tool.annotations.read_only_hint,
                "idempotent": tool.annotations.idempotent_hint,
                "input": sorted(tool.input_schema.get("properties", {})),
                "output": tool.output_schema is not None,
            }
            for tool in tools
        }
        note = f"My secret word is {SECRETS[user]}; I walk by the river every morning."
        remembered = await session.call_tool("remember", {"text": note, "metadata": {"source": "mcp-test"}})
        seen["calls"]["remember"] = outcome(remembered)
        stored[user].set()
        await stored[other].wait()
        message_id = remembered.structured_content["id"]
        good = {
            "lookup_supabase": {"limit": 5},
            "query_mem0": {"query": "secret word river", "limit": 5},
            "get_enriched_context": {"semantic_query": "river", "recent_limit": 5},
            "symbolic_archetype": {"text": "I feel stuck, heavy and tired of waiting."},
            "flag_breakthrough": {"message_id": message_id, "reason": "They named what matters."},
            "recall_breakthroughs": {"limit": 5},
        }
        for name, arguments in good.items():
            seen["calls"][name] = outcome(await session.call_tool(name, arguments))
        bad = {
            "lookup_supabase": {"limit": 0},
            "query_mem0": {},
            "recall_breakthroughs": {"limit": "many"},
            "get_enriched_context": {"include_breakthroughs": "yes"},
            "symbolic_archetype": {"text": 5},
            "remember": {"text": "x", "metadata": "not an object"},
            "flag_breakthrough": {"message_id": "no-such-message"},
            "other_user": {"user_id": other},
            "unknown_parameter": {"colour": "red"},
        }
        for label, arguments in bad.items():
            name = "lookup_supabase" if label in ("other_user", "unknown_parameter") else label
            seen["bad"][label] = outcome(await session.call_tool(name, arguments))
        seen["bad"]["unknown_tool"] = outcome(await session.call_tool("drop_everything", {}))
        seen["resources"] = {}
        for resource in (await session.list_resources()).resources:
            contents = (await session.read_resource(resource.uri)).contents
            seen["resources"][str(resource.uri)] = json.loads(contents[0].text)
        seen["prompts"] = [prompt.name for prompt in (await session.list_prompts()).prompts]
        prompt = await session.get_prompt("memory_orchestration")
        seen["prompt"] = prompt.messages[0].content.text
        seen["sees_other_secret"] = SECRETS[other] in json.dumps(seen)


async def main():
    report = {}
    stored = {"ana": anyio.Event(), "ben": anyio.Event()}
    hows = [json.loads(arg) if sys.argv[1] == "stdio" else arg for arg in sys.argv[3:5]]
    async with anyio.create_task_group() as group:
        group.start_soon(scenario, "ana", hows[0], stored, report)
        group.start_soon(scenario, "ben", hows[1], stored, report)
    print(json.dumps(report))


anyio.run(main)
