// Modules of the ClaimtrackCLI product's dependencies are importable from it; the fuzz package needs no extra product.
import ClaimModel
import Extract

/// Built once: the recognizer holds compiled rule tables.
nonisolated(unsafe) let recognizer = Recognizer()

/// libFuzzer entry point: the bytes, as UTF-8 with repairs, go through every recognizer with and without a reference date.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecognizers(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    _ = recognizer.recognize(text)
    if let reference = CalendarDay(iso: "2025-12-20") {
        _ = recognizer.recognize(text, reference: reference)
        _ = recognizer.anchoredDates(text, reference: reference)
    }
    _ = recognizer.numbers(text, ordinals: true)
    return 0
}
