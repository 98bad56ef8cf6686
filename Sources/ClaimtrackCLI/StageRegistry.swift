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
}
