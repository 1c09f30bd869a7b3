import Foundation
import MCP
import MaiaCore

/// Converts between MAIA's JSON value and the MCP SDK's, so that schemas and results stay MAIA's own data.
enum MCPValue {
    /// `value` as the SDK's value; whole numbers become integers, so that `"limit": 20` reads as 20, not 20.0.
    static func from(_ value: JSONValue) -> Value {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let number):
            number.rounded() == number && abs(number) < 9e15 ? .int(Int(number)) : .double(number)
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(from))
        case .object(let members): .object(members.mapValues(from))
        }
    }

    /// The SDK's `value` as MAIA's; binary data arrives as its data URL text.
    static func to(_ value: Value) -> JSONValue {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .number(Double(number))
        case .double(let number): .number(number)
        case .string(let text): .string(text)
        case .data(let mimeType, let data):
            .string("data:\(mimeType ?? "application/octet-stream");base64,\(data.base64EncodedString())")
        case .array(let items): .array(items.map(to))
        case .object(let members): .object(members.mapValues(to))
        }
    }
}
