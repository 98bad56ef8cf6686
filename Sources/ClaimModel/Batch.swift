/// What flows between stages: documents, then the claims found in them, then facts, checks and sources.
public struct Batch: Sendable {
    public var documents: [Document]
    public var claims: [Claim]
    public var facts: [Fact]
    public var checks: [Check]
    public var sources: [Source]
    /// Reviewer decisions in force and what became of each (nil when the run read no reviews file).
    public var reviews: [ReviewOutcome]?
    public init(documents: [Document] = [], claims: [Claim] = [], facts: [Fact] = [], checks: [Check] = [], sources: [Source] = []) {
        self.documents = documents; self.claims = claims; self.facts = facts; self.checks = checks; self.sources = sources
    }
}
