/// A user's reply read with the MAIA turn just before it: "You mentioned wanting to try choir singing. Did you go to
/// the first session?" then "I did, and I loved it.". The reply alone says nothing about choir, so it also gets a
/// second vector of the two turns together, stored under its own model name beside the reply's own vector; the
/// stores' vector search ranks each message by the better of the two, in one search. Kept as a second vector rather than in place
/// of the first because a reply that states a new fact after an unrelated MAIA turn is found better alone
/// (docs/storage.md, "Replies read with what they answer").
public enum ReplyContext {
    /// The model name under which the reply-context vectors of `modelID` are stored.
    public static func model(of modelID: String) -> String { modelID + suffix }

    /// The model whose search a vector of `model` belongs to: `model` itself, or the model whose reply contexts it
    /// holds.
    static func searchedModel(of model: String) -> String {
        model.hasSuffix(suffix) ? String(model.dropLast(suffix.count)) : model
    }

    private static let suffix = "#reply-context"

    /// The text embedded for `reply` after MAIA's turn `maia`.
    static func text(maia: String, reply: String) -> String { maia + "\n" + reply }
}
