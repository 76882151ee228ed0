import Benchmark
import PraktikaDomain

// The built-in stemmer (ending rules learned from hunspell-bg, issue #27) against the light
// stemmer it replaced, which is also what it does for words of four letters or fewer: the floor,
// measured in the same run. Both key every word of the Velingrad practices and designs as the
// index would (lower case, stop words and Latin words left out), repeated to 10,000 words.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock], timeUnits: .microseconds, maxDuration: .seconds(10), maxIterations: 2_000)

    let text = VelingradDemo.practices.map { "\($0.presentation) \($0.design.title) \($0.design.summary ?? "")" }
        + VelingradDemo.designs.map { "\($0.design.title) \($0.design.summary ?? "")" }
    let textWords = text.flatMap(BulgarianText.tokens).map(BulgarianText.normalize).filter {
        !BulgarianText.stopWords.contains($0) && !Transliteration.isLatin($0) && !$0.allSatisfy(\.isNumber)
    }
    precondition(!textWords.isEmpty, "the demo texts have no words to stem")
    let words = (0..<10_000).map { textWords[$0 % textWords.count] }

    Benchmark("Floor: the light stemmer, 10000 words") { benchmark in
        for _ in benchmark.scaledIterations {
            for word in words { blackHole(BulgarianStemmer.light(word)) }
        }
    }

    Benchmark("Built-in stemmer (ending rules), 10000 words") { benchmark in
        for _ in benchmark.scaledIterations {
            for word in words { blackHole(BulgarianStemmer.stem(word)) }
        }
    }
}
