import MaiaCore

extension ParsedToolCalls {
    /// One line of JSON with a stable key order: `{"calls":[{"name":…,"arguments":{…}}],"content":"…"}`.
    ///
    /// Argument objects are written with sorted keys; this is the documented output of
    /// `maia llama parse-tool-calls`.
    public var jsonText: String {
        let calls = calls.map { call in
            #"{"name":\#(JSONValue.string(call.name).jsonText),"arguments":\#(call.arguments.jsonText)}"#
        }
        return #"{"calls":[\#(calls.joined(separator: ","))],"content":\#(JSONValue.string(content).jsonText)}"#
    }
}
