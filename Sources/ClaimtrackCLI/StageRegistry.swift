public import Pipeline
import Ingest
import Extract
import Normalize
import Reconcile
import Report

/// The built-in stage types, by hand: adding a stage type means adding it here and documenting it in docs/pipeline.md.
public enum StageRegistry {
    /// Every stage type `pipeline.json` may name.
    public static let builtIn: [StageFactory] = [
        StageFactory(IngestStage.self),
        StageFactory(ExtractStage.self),
        StageFactory(NormalizeStage.self),
        StageFactory(ReconcileStage.self),
        StageFactory(ReportStage.self),
    ]

    /// Stage types that work document by document: a run's leading stages of these types are what the run history
    /// caches per document, so an unchanged document skips them.
    public static let perDocumentTypes: Set<String> = [IngestStage.type, ExtractStage.type, NormalizeStage.type]
}
