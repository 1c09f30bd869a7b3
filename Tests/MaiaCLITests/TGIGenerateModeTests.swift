import Foundation
import MaiaCore
import MaiaTesting
import Testing

/// `LLAMA_DEPLOYMENT_MODE=tgi-local` with `LLAMA_TGI_API=generate`: `maia ask` and `maia health` through the binary,
/// against a loopback server that speaks TGI's native API (`GET /info`, `POST /generate_stream`).
@Suite("tgi-local over TGI's native API, run as a user would")
struct TGIGenerateModeTests {
    let tests = AskHealthCommandTests()

    /// One `/generate_stream` event a token, the last one with `generated_text` and `details` (PROTOCOLS.md §5).
    static let textStream: [UInt8] = {
        let tokens = ["Hello", " from", " TGI", ".", "<|eot_id|>"]
        var body = ""
        for (index, text) in tokens.enumerated() {
            let special = text.hasPrefix("<|")
            let last = index == tokens.count - 1
            let token: JSONValue = [
                "id": .number(Double(1000 + index)), "text": .string(text), "logprob": -0.1, "special": .bool(special),
            ]
            let event: JSONValue = [
                "index": .number(Double(index + 1)), "token": token,
                "generated_text": last ? "Hello from TGI." : .null,
                "details": last
                    ? ["finish_reason": "eos_token", "generated_tokens": 5, "seed": .null, "input_length": 57] : .null,
            ]
            body += "data:\(event.jsonText)\n\n"
        }
        return Array(body.utf8)
    }()

    /// `GET /info` names `modelID`; `POST /generate_stream` streams ``textStream``; anything else is a 404.
    static func tgi(serving modelID: String) -> LoopbackHTTPServer.Responder {
        { request in
            switch (request.method, request.path) {
            case ("GET", "/info"):
                return .json(#"{"model_id":"\#(modelID)","max_input_tokens":8191,"max_total_tokens":8192}"#)
            case ("POST", "/generate_stream"):
                return LoopbackHTTPServer.Response(
                    headers: [("content-type", "text/event-stream")],
                    chunks: [textStream]
                )
            default:
                return .json(#"{"error":"Not Found","error_type":"not_found"}"#, status: 404)
            }
        }
    }

    func environment(_ server: LoopbackHTTPServer, folder: URL, api: String = "generate") -> [String: String] {
        [
            "ENABLE_LLAMA": "true", "LLAMA_DEPLOYMENT_MODE": "tgi-local", "LLAMA_TGI_API": api,
            "LLAMA_ENDPOINT": server.baseURL.absoluteString, "LLAMA_MODEL": "meta-llama/Llama-3.1-8B-Instruct",
            "MAIA_DB": folder.appendingPathComponent("maia.sqlite").path,
            "MAIA_CACHE": folder.appendingPathComponent("cache").path,
        ]
    }

    @Test("ask --engine llama sends our Llama 3.1 prompt to /generate_stream and reports TGI's counts")
    func ask() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await LoopbackHTTPServer.with(Self.tgi(serving: "meta-llama/Llama-3.1-8B-Instruct")) { server in
            let env = environment(server, folder: folder.url)
            let result = try await tests.run(
                ["ask", "--engine", "llama", "--json", "Bonjour, ça va ?"],
                in: folder.url,
                environment: env
            )
            #expect(result.status == 0, "\(result.stderr)")
            let json = try #require(JSONValue(parsing: result.stdout), "\(result.stdout)")
            #expect(json["reply"] == "Hello from TGI.")
            #expect(json["engine"] == "llama")
            #expect(json["model"] == "meta-llama/Llama-3.1-8B-Instruct")
            #expect(json["usage"]?["input_tokens"] == 57)
            #expect(json["usage"]?["output_tokens"] == 5)
            #expect(json["finish_reason"] == "end_turn")
            let request = try #require(await server.requests.first)
            #expect(request.path == "/generate_stream")
            let body = try #require(JSONValue(parsing: request.text))
            let prompt = try #require(body["inputs"]?.stringValue)
            #expect(prompt.hasPrefix("<|begin_of_text|><|start_header_id|>"))
            #expect(prompt.contains("<|start_header_id|>user<|end_header_id|>\n\nBonjour, ça va ?<|eot_id|>"))
            #expect(prompt.hasSuffix("<|start_header_id|>assistant<|end_header_id|>\n\n"))
            #expect(body["parameters"]?["stop"] == ["<|eot_id|>", "<|eom_id|>"])
            #expect(body["parameters"]?["return_full_text"] == false)

            let streamed = try await tests.run(["ask", "--engine", "llama", "Hi"], in: folder.url, environment: env)
            #expect(streamed.status == 0, "\(streamed.stderr)")
            #expect(streamed.stdout == "Hello from TGI.\n")
        }
    }

    @Test("the default API stays the Messages API: the same server gets /v1/chat/completions")
    func messagesByDefault() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await LoopbackHTTPServer.with(Self.tgi(serving: "meta-llama/Llama-3.1-8B-Instruct")) { server in
            var env = environment(server, folder: folder.url)
            env["LLAMA_TGI_API"] = nil
            let result = try await tests.run(["ask", "--engine", "llama", "Hi"], in: folder.url, environment: env)
            #expect(result.status != 0, "the fake answers only the native API")
            #expect(await server.requests.first?.path == "/v1/chat/completions")
        }
    }

    @Test("health probes /info: the served model passes; another model fails naming both and a remedy")
    func health() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        for (served, healthy) in [("meta-llama/Llama-3.1-8B-Instruct", true), ("meta-llama/Llama-3.1-70B", false)] {
            try await LoopbackHTTPServer.with(Self.tgi(serving: served)) { server in
                let env = environment(server, folder: folder.url)
                let result = try await tests.run(["health", "--json"], in: folder.url, environment: env)
                let json = try #require(JSONValue(parsing: result.stdout), "\(result.stdout) \(result.stderr)")
                let check = try #require(json["checks"]?.arrayValue?.first { $0["name"] == "llama (tgi-local)" })
                #expect(check["ok"] == .bool(healthy), "\(check)")
                #expect(check["model_present"] == .bool(healthy))
                #expect(check["required"] == true)
                if !healthy {
                    #expect(check["detail"]?.stringValue?.contains("it serves meta-llama/Llama-3.1-70B") == true)
                    #expect(check["remedy"]?.stringValue?.contains("LLAMA_MODEL") == true)
                }
                #expect(await server.requests.map(\.path) == ["/info"])
            }
        }
    }

    @Test(
        "bad LLAMA_TGI_API values stop every command, naming the variable and what is accepted",
        arguments: [
            ("chat", "LLAMA_TGI_API=\"chat\" is not accepted: it must be one of messages, generate."),
            ("generate", "LLAMA_TGI_API=generate needs LLAMA_DEPLOYMENT_MODE=tgi-local (it is vllm-local)"),
        ]
    )
    func badValues(value: String, message: String) async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await LoopbackHTTPServer.with(Self.tgi(serving: "x")) { server in
            var env = environment(server, folder: folder.url, api: value)
            if value == "generate" { env["LLAMA_DEPLOYMENT_MODE"] = "vllm-local" }
            for command in [["ask", "--engine", "llama", "Hi"], ["health"]] {
                let result = try await tests.run(command, in: folder.url, environment: env)
                #expect(result.status != 0)
                #expect(result.stderr.contains(message), "\(result.stderr)")
            }
            #expect(await server.requests.isEmpty, "nothing is sent with a bad configuration")
        }
    }
}
