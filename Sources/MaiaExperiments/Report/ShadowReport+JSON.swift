public import MaiaCore

// The `maia report --json` shape, documented in README ("maia report"). Keys are snake_case like every other
// `--json` output; a measure that is unknown is `null`, never 0.
extension ShadowReport {
    /// The report as JSON, naming the log it was read from.
    public func json(log: String) -> JSONValue {
        [
            "log": .string(log),
            "comparisons": .number(Double(comparisons)),
            "from": period.map { .string(ISO8601.format($0.lowerBound)) } ?? .null,
            "to": period.map { .string(ISO8601.format($0.upperBound)) } ?? .null,
            "primary": primary.json,
            "candidate": candidate.json,
            "judge": judge.json,
            "by_language": .array(byLanguage.map { $0.json(keyName: "language") }),
            "by_source": .array(bySource.map { $0.json(keyName: "source") }),
            "skipped": [
                "count": .number(Double(skipped.count)),
                "first": .array(
                    skipped.first.map { ["line": .number(Double($0.line)), "reason": .string($0.reason)] }
                ),
            ],
        ]
    }
}

extension ShadowReport.Group {
    fileprivate func json(keyName: String) -> JSONValue {
        func side(_ summary: EngineSummary) -> JSONValue {
            ["errors": summary.errors.json, "latency_p50_ms": .optional(summary.latencyMs.p50)]
        }
        return [
            keyName: .string(key),
            "turns": .number(Double(turns)),
            "primary": side(primary),
            "candidate": side(candidate),
            "judged": .number(Double(judge.judged)),
            "candidate_wins": judge.candidateWins.json,
        ]
    }
}

extension EngineSummary {
    var json: JSONValue {
        [
            "role": .string(role.rawValue),
            "models": .array(
                models.map {
                    ["engine": .string($0.engine), "model": .string($0.model), "turns": .number(Double($0.turns))]
                }
            ),
            "turns": .number(Double(turns)),
            "answered": .number(Double(answered)),
            "latency_ms": latencyMs.json,
            "ttft_ms": ttftMs.json,
            "input_tokens": inputTokens.json,
            "output_tokens": outputTokens.json,
            "priced_turns": .number(Double(pricedTurns)),
            "cost_per_1000_turns_usd": .optional(costPer1000TurnsUSD),
            "errors": errors.json,
            "timeouts": timeouts.json,
            "tool_use": toolUse.json,
            "tool_call_validity": toolCallValidity.json,
            "failed_checks": .object(failedChecks.mapValues { .number(Double($0)) }),
        ]
    }
}

extension EngineSummary.Tokens {
    fileprivate var json: JSONValue { ["total": .number(Double(total)), "mean": .optional(mean)] }
}

extension JudgeSummary {
    var json: JSONValue {
        [
            "judged": .number(Double(judged)),
            "judges": .array(judges.map(JSONValue.string)),
            "candidate_wins": candidateWins.json,
            "ties": ties.json,
            "candidate_losses": candidateLosses.json,
            "consistency": consistency.json,
        ]
    }
}

extension Quantiles {
    var json: JSONValue {
        ["count": .number(Double(count)), "p50": .optional(p50), "p95": .optional(p95), "p99": .optional(p99)]
    }
}

extension Proportion {
    var json: JSONValue {
        [
            "count": .number(Double(count)),
            "total": .number(Double(total)),
            "rate": .optional(rate),
            "ci95": interval.map { [.number($0.lower), .number($0.upper)] } ?? .null,
        ]
    }
}

extension JSONValue {
    static func optional(_ number: Double?) -> JSONValue {
        number.map(JSONValue.number) ?? .null
    }
}
