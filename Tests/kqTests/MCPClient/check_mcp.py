"""Drives `kq mcp` with the official MCP Python SDK, as an assistant would, and checks it.

Usage: check_mcp.py KQ KNOWLEDGE  (run by MCPTests in a virtualenv holding `mcp`)

Lists the tools; calls each and compares `ask` and `search` with `kq ask --json` and
`kq search --format json` for the same questions; checks that bad calls are MCP errors; then,
without the SDK, sends malformed messages and disconnects in the middle of a call, and checks
that the server answers on, ends, and leaves an index the next kq reads; and that a file added
between two calls is seen by the second. Exits 1 on the first
failure, saying which.
"""
import asyncio, json, os, shutil, subprocess, sys, tempfile, time

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.shared.exceptions import MCPError

KQ, KNOWLEDGE = sys.argv[1], sys.argv[2]
ENV = dict(os.environ)
QUESTIONS = ["What is KAP?", "How long does an infusion take?", "How much does ketamine therapy cost?",
             "Is ketamine safe with blood pressure medicine?", "What is the capital of France?"]


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def cli(*arguments):
    done = subprocess.run([KQ, *arguments, "--knowledge", KNOWLEDGE], capture_output=True, env=ENV, timeout=60)
    return json.loads(done.stdout)


async def with_sdk():
    parameters = StdioServerParameters(command=KQ, args=["mcp", "--knowledge", KNOWLEDGE], env=ENV)
    async with stdio_client(parameters) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            tools = {tool.name: tool for tool in (await session.list_tools()).tools}
            if sorted(tools) != ["ask", "get", "search", "sources"]:
                fail(f"tools are {sorted(tools)}")
            for tool in tools.values():
                if tool.input_schema.get("type") != "object" or not tool.description:
                    fail(f"{tool.name} has no object schema or description")
            if "cites" not in tools["ask"].description or "crisis" not in tools["ask"].description:
                fail("ask's description does not state the grounding rules")

            async def text(name, arguments):
                result = await session.call_tool(name, arguments)
                if result.is_error:
                    fail(f"{name} {arguments} failed: {result.content}")
                return json.loads(result.content[0].text)

            for question in QUESTIONS:
                if await text("ask", {"question": question}) != cli("ask", "--json", question):
                    fail(f"ask differs from kq ask --json for {question!r}")
                if await text("search", {"query": question, "top": 5}) != cli("search", "--format", "json", "--top", "5", question):
                    fail(f"search differs from kq search --format json for {question!r}")
            crisis = await text("ask", {"question": "I want to end my life tonight"})
            if crisis.get("crisis") is not True:
                fail("a crisis message is not flagged")
            hits = await text("search", {"query": "infusion"})
            passage = await text("get", {"id": hits[0]["id"]})
            if passage["text"] != hits[0]["text"] or passage["path"] != hits[0]["path"]:
                fail("get of a search hit's id is not that passage")
            sources = await text("sources", {})
            if not sources or any(source["format"] != "markdown" for source in sources):
                fail(f"sources: {sources}")
            document = await text("get", {"id": sources[0]["id"]})
            if document["source"]["id"] != sources[0]["id"] or len(document["text"]) < 100:
                fail("get of a document's id is not its text")
            for name, arguments, expected in [("ask", {}, "question is required"),
                                              ("ask", {"question": "x" * 100_000}, "over the 4096"),
                                              ("search", {"query": "dose", "top": 0}, "top is a whole number"),
                                              ("get", {"id": "nowhere.md#3"}, "no document or passage"),
                                              ("teleport", {}, "no tool teleport")]:
                try:
                    result = await session.call_tool(name, arguments)
                except MCPError as error:
                    if expected not in str(error):
                        fail(f"{name} {arguments}: error {error!r} does not say {expected!r}")
                    continue
                fail(f"{name} {arguments} is no MCP error: {result}")


def raw_server():
    return subprocess.Popen([KQ, "mcp", "--knowledge", KNOWLEDGE], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=ENV)


def send(server, message):
    server.stdin.write((message if isinstance(message, str) else json.dumps(message)).encode() + b"\n")
    server.stdin.flush()


def receive(server):
    line = server.stdout.readline()
    if not line:
        fail("the server closed stdout")
    return json.loads(line)


INITIALIZE = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
              "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "check", "version": "1"}}}


def ask(identifier, question):
    return {"jsonrpc": "2.0", "id": identifier, "method": "tools/call", "params": {"name": "ask", "arguments": {"question": question}}}


def without_sdk():
    server = raw_server()
    send(server, INITIALIZE)
    receive(server)
    send(server, {"jsonrpc": "2.0", "method": "notifications/initialized"})
    for garbage in ["{not json", "[]", '{"jsonrpc": "2.0", "id": 9, "method": "tools/call", "params": 7}', "\u0000\u001b[2J"]:
        send(server, garbage)
        reply = receive(server)
        if "error" not in reply:
            fail(f"{garbage!r} got {reply}")
    send(server, ask(2, "What is KAP?"))
    reply = receive(server)
    if "KAP" not in reply["result"]["content"][0]["text"]:
        fail(f"no answer after malformed messages: {reply}")
    # Gone in the middle of a call: the server ends, and the index is whole.
    send(server, ask(3, "How long does an infusion take?"))
    server.stdin.close()
    server.stdout.close()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        fail("the server did not end when its client went away")
    if cli("ask", "--json", "What is KAP?").get("answeredBy") in (None, "none"):
        fail("kq does not answer after a client went away mid-call")
    stdout_noise = server.stderr.read().decode()
    if "Fatal" in stdout_noise or "crash" in stdout_noise.lower():
        fail(f"the server crashed: {stdout_noise}")


def stays_current():
    """The index is opened once and kept current: a file added between two calls is listed."""
    folder = tempfile.mkdtemp()
    try:
        shutil.copytree(KNOWLEDGE, os.path.join(folder, "k"))
        server = subprocess.Popen([KQ, "mcp", "--knowledge", os.path.join(folder, "k")], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
        send(server, INITIALIZE)
        receive(server)
        send(server, {"jsonrpc": "2.0", "method": "notifications/initialized"})
        sources = {"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "sources", "arguments": {}}}
        send(server, sources)
        before = json.loads(receive(server)["result"]["content"][0]["text"])
        with open(os.path.join(folder, "k", "zz-added.md"), "w") as file:
            file.write("# Parking\n\nParking at the clinic is free on weekdays.\n")
        send(server, sources)
        after = json.loads(receive(server)["result"]["content"][0]["text"])
        server.stdin.close()
        server.wait(timeout=10)
        if len(after) != len(before) + 1 or after[-1]["id"] != "zz-added.md":
            fail(f"a file added between calls is not listed: {len(before)} then {len(after)}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def first_answer_ms():
    """From starting `kq mcp` to the first answer, in milliseconds."""
    started = time.perf_counter()
    server = raw_server()
    send(server, INITIALIZE)
    receive(server)
    send(server, {"jsonrpc": "2.0", "method": "notifications/initialized"})
    send(server, ask(2, "What is KAP?"))
    receive(server)
    elapsed = (time.perf_counter() - started) * 1000
    server.stdin.close()
    server.wait(timeout=10)
    return elapsed


if __name__ == "__main__":
    if sys.argv[3:] == ["--time"]:
        first_answer_ms()  # the index is built once
        times = sorted(first_answer_ms() for _ in range(21))
        print(f"start-up to first answer: median {times[10]:.1f} ms, slowest {times[-1]:.1f} ms (21 runs)")
        sys.exit(0)
    asyncio.run(with_sdk())
    without_sdk()
    stays_current()
    print("ok")
