import Foundation
import Testing

@testable import PraktikaDomain

@Suite("Bulgarian analysis")
struct BulgarianAnalysisTests {
    static let builtIn = BulgarianAnalyzer(dictionary: nil)

    @Test(
        "the built-in stemmer gives the inflected forms of a word one key",
        arguments: [
            ["библиотека", "библиотеката", "библиотеки", "библиотеките"],
            ["пенсионер", "пенсионера", "пенсионерът", "пенсионери", "пенсионерите"],
            ["услуга", "услугата", "услуги", "услугите"],
            ["партньор", "партньора", "партньорът", "партньори", "партньорите"],
            // The fleeting е of -ен.
            ["традиционен", "традиционна", "традиционното", "традиционни", "традиционният"],
            ["зелен", "зелена", "зелените"],
            ["читалище", "читалища", "читалищата"],
            // A verb's forms: present, aorist, imperfect, participles with their articles.
            ["организирам", "организираме", "организирахме", "организираха", "организирал", "организираното"],
            ["работя", "работим", "работихме", "работеха", "работил", "работила"],
            ["участвам", "участваме", "участвахме", "участваха", "участвал", "участвали"],
            // Short forms (the light stemmer) meet the long ones (the rules).
            ["зала", "зали", "залата", "залите"],
            ["село", "села", "селото", "селата"],
            ["урок", "урока", "уроци", "уроците"],
        ])
    func families(forms: [String]) {
        #expect(Set(forms.map(BulgarianStemmer.stem)).count == 1, "\(forms.map(BulgarianStemmer.stem))")
    }

    @Test("a word's key is its dictionary word as the light stemmer shortens it")
    func keys() {
        #expect(BulgarianStemmer.stem("организирахме") == "организирам")
        #expect(BulgarianStemmer.stem("традиционните") == "традиционн")
        #expect(BulgarianStemmer.stem("библиотеките") == "библиотек")
        #expect(BulgarianStemmer.stem("учениците") == "учениц")
        #expect(BulgarianStemmer.stem("градовете") == "град")
        #expect(BulgarianStemmer.light("библиотеките") == "библиотек")
    }

    @Test("the stemmer keeps short words and leaves unrelated words apart")
    func conservative() {
        #expect(BulgarianStemmer.stem("те") == "те")
        #expect(BulgarianStemmer.stem("ред") == "ред")
        #expect(BulgarianStemmer.stem("библиотека") != BulgarianStemmer.stem("библиотекар"))
        #expect(BulgarianStemmer.stem("член") == "член" && BulgarianStemmer.stem("члена") == "член")
        #expect(BulgarianStemmer.stem("вода") != BulgarianStemmer.stem("воден"))
        // An ending nothing is known about (a final digit) changes nothing.
        #expect(BulgarianStemmer.stem("ковид19") == "ковид19")
    }

    @Test("the longest ending with a rule decides, unless it would leave too little of the word")
    func longestEnding() {
        let endings = BulgarianStemmer.Endings("а 1\nта 2 х\nата 3\n", root: .init(strip: 0, add: ""))
        func key(_ word: String) -> String? {
            let letters = Array(word.unicodeScalars)
            return endings.rule(for: letters, minimumStem: 2).map {
                String(String.UnicodeScalarView(letters.dropLast($0.strip))) + $0.add
            }
        }
        #expect(key("книга") == "книг")  // -а
        #expect(key("книгата") == "книг")  // -ата, not -та
        #expect(key("петата") == "пет")
        #expect(key("ита") == "ит")  // -та would leave one letter: -а decides
        #expect(key("та") == "та")  // every ending would leave less than two: the root rule
        #expect(key("дом") == "дом")  // no ending: the root rule, unchanged
    }

    @Test(
        "official transliteration: щ is sht, a final -ия is -ia",
        arguments: [
            ("софия", "sofia"), ("щастливец", "shtastlivets"), ("юлия", "yulia"), ("пенсионери", "pensioneri"),
            ("българия", "bulgaria"), ("жълт", "zhalt"), ("ябълка", "yabalka"), ("ѝ", "i"),
        ])
    func latin(cyrillic: String, latin: String) {
        #expect(Transliteration.latin(cyrillic) == latin)
    }

    @Test("Latin words back to Cyrillic: every reading the act allows, the likeliest first")
    func candidates() {
        #expect(Transliteration.cyrillicCandidates("pensioneri").first == "пенсионери")
        #expect(Transliteration.cyrillicCandidates("sofia") == ["софия"])
        #expect(Transliteration.cyrillicCandidates("shtastie").first == "щастие")
        #expect(Transliteration.cyrillicCandidates("sabitie").contains("събитие"))
        #expect(Transliteration.cyrillicCandidates("aaaaaaaaaa").count <= 16)
    }

    @Test("`pensioneri online` finds „Пенсионери ONLINE“; stop words and ѝ are handled")
    func queryMatchesDocument() {
        let document = Set(Self.builtIn.document("Услугата „Пенсионери ONLINE“ на библиотеката").flatMap(\.keys))
        let query = Self.builtIn.query("pensioneri online")
        for (token, keys) in query {
            #expect(!document.isDisjoint(with: keys), "\(token) → \(keys)")
        }
        #expect(Self.builtIn.document("и на за от").isEmpty)
        // A stop word typed in Latin letters is a stop word too, so the other words still find the name.
        let partner = Set(Self.builtIn.document("доброволец от „Корпус на мира“").flatMap(\.keys))
        let latin = Self.builtIn.query("korpus na mira i za")
        #expect(latin.map(\.token) == ["korpus", "mira"])
        for (token, keys) in latin { #expect(!partner.isDisjoint(with: keys), "\(token) → \(keys)") }
        #expect(Self.builtIn.document("ѝ казах").map(\.token) == ["казах"])
        #expect(BulgarianText.normalize("Ѝ") == "и" && BulgarianText.normalize("и\u{0300}") == "и")
        #expect(BulgarianText.normalize("ДАЙ ѝ Книгата") == "дай и книгата")
        #expect(BulgarianText.normalize("Ѝ") == "и")
        #expect(BulgarianText.tokens("Глоб@лни библиотеки, е-услуги и 60+") == ["Глоб", "лни", "библиотеки", "е-услуги", "и", "60"])
        // A combining accent stays in its word; a hyphen joins only a word to a following letter;
        // other scripts are split by their letters too.
        #expect(
            BulgarianText.tokens("-и\u{0300} 2-ри ало- -бг Ωμέγα,日本 \u{0300}x") == ["и\u{0300}", "2-ри", "ало", "бг", "Ωμέγα", "日本", "x"])
    }

    @Test("the word scanner splits text as the character-by-character rule always did")
    func scannerAgreesWithCharacters() {
        // The rule the index was first built with: letters and digits by Character, an inner
        // hyphen before a letter kept.
        func reference(_ text: String) -> [String] {
            var out: [String] = []
            var current = ""
            let chars = Array(text)
            for (i, c) in chars.enumerated() {
                if c.isLetter || c.isNumber {
                    current.append(c)
                } else if c == "-", !current.isEmpty, i + 1 < chars.count, chars[i + 1].isLetter {
                    current.append(c)
                } else if !current.isEmpty {
                    out.append(current)
                    current = ""
                }
            }
            if !current.isEmpty { out.append(current) }
            return out
        }
        var texts = VelingradDemo.designs.flatMap { demo in
            [demo.design.title, demo.design.targetGroup.description, demo.design.needs, demo.design.service].compactMap { $0 }
        }
        // Random texts over an alphabet with the awkward cases: accents, hyphens, other scripts,
        // emoji, punctuation.
        let alphabet = Array("аБвЮя ѝЍи\u{0300}-–—.,„“!?0123456789 AbZ ΩέЖ日本😀 \t\n@#ё")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            texts.append(String((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for text in texts {
            #expect(BulgarianText.tokens(text) == reference(text), "\(text.debugDescription)")
        }
    }

    /// A two-entry dictionary in Hunspell's own format.
    static let affix = """
        SET UTF-8
        SFX A Y 3
        SFX A   0         та        .
        SFX A   а         и         а
        SFX A   а         ите       а
        SFX B Y 2
        SFX B   0         и         [^аи]
        SFX B   0         ите       [^аи]
        """
    static let dictionary = """
        2
        библиотека/A
        библиотекар/B
        """

    @Test("a Hunspell dictionary maps each form to its entry; a form of two entries gets both keys")
    func dictionaryKeys() {
        let lemmatizer = HunspellLemmatizer(affix: Self.affix, dictionary: Self.dictionary)
        #expect(lemmatizer.entryCount == 2)
        for form in ["библиотека", "библиотеката", "библиотеки", "библиотеките"] {
            #expect(lemmatizer.keys(for: form) == ["библиотека"], "\(form)")
        }
        #expect(lemmatizer.keys(for: "библиотекарите") == ["библиотекар"])
        #expect(lemmatizer.keys(for: "непозната") == nil)
        let both = HunspellLemmatizer(affix: Self.affix, dictionary: "2\nкниги\nкнига/A\n")
        #expect(Set(both.keys(for: "книги") ?? []) == ["книги", "книга"])
        let analyzer = BulgarianAnalyzer(dictionary: lemmatizer)
        #expect(analyzer.document("Библиотеките").first?.keys == ["библиотека"])
        #expect(analyzer.query("bibliotekite").first?.keys == ["bibliotekite", "библиотека"])
    }
}

@Suite("Search queries and snippets")
struct SearchQueryTests {
    @Test("a query becomes an FTS5 and a tsquery expression, with keys quoted")
    func expressions() {
        let query = SearchQuery("pensioneri \"библиотеки\"", analyzer: BulgarianAnalyzer(dictionary: nil))
        #expect(query.terms == [["pensioneri", "пенсионер"], ["библиотек"]])
        #expect(query.fts5 == #"("pensioneri" OR "пенсионер") AND ("библиотек")"#)
        #expect(query.tsquery == "('pensioneri' | 'пенсионер') & ('библиотек')")
        #expect(SearchQuery("и на", analyzer: BulgarianAnalyzer(dictionary: nil)).isEmpty)
    }

    @Test("a word typed with a closing star is a prefix, replaced by the keys found for it and its own")
    func prefixes() {
        let analyzer = BulgarianAnalyzer(dictionary: nil)
        let query = SearchQuery("Библ* деца", analyzer: analyzer)
        let children = analyzer.query("деца")[0].keys
        #expect(query.terms == [children])
        #expect(query.prefixes.map(\.forms) == [["библ"]] && query.prefixes[0].keys == ["библ"])
        #expect(!query.isEmpty && query.fts5 == SearchQuery("деца", analyzer: analyzer).fts5)
        let expanded = query.expanded([["библиотек", "библиотекар"]])
        #expect(expanded.prefixes.isEmpty)
        #expect(expanded.terms == [children, ["библ", "библиотек", "библиотекар"]])
        #expect(expanded.fts5.hasSuffix(#" AND ("библ" OR "библиотек" OR "библиотекар")"#))
        // A Latin prefix is also read as its likeliest Cyrillic spelling.
        let latin = SearchQuery("pens*", analyzer: analyzer).prefixes
        #expect(latin.map(\.forms) == [["pens", "пенс"]] && latin[0].keys.first == "pens")
        // A full word with a star still matches by its own key; a stop word alone matches as typed.
        #expect(SearchQuery("библиотеките*", analyzer: analyzer).expanded([[]]).terms == [["библиотек"]])
        #expect(SearchQuery("и*", analyzer: analyzer).expanded([[]]).terms == [["и"]])
        // Inside a word a star is only punctuation; alone it asks for nothing.
        #expect(SearchQuery("учи*тели", analyzer: analyzer) == SearchQuery("учи тели", analyzer: analyzer))
        #expect(SearchQuery("*", analyzer: analyzer).isEmpty)
        // Past the first, a star is ignored: the word is a plain word.
        let many = SearchQuery("а* б* деца*", analyzer: analyzer)
        #expect(many.prefixes.map(\.forms) == [["а"]])
        #expect(many == SearchQuery("а* б деца", analyzer: analyzer))
    }

    @Test("a snippet marks the matched words in any inflection")
    func snippet() throws {
        let analyzer = BulgarianAnalyzer(dictionary: nil)
        let keys = SearchQuery("библиотеки", analyzer: analyzer).allKeys
        let parts = try #require(Snippet.make("Пенсионерите преоткриват библиотеката в селото.", matching: keys, analyzer: analyzer))
        #expect(parts.filter(\.isMatch).map(\.text) == ["библиотеката"])
        #expect(parts.map(\.text).joined() == "Пенсионерите преоткриват библиотеката в селото.")
        #expect(Snippet.make("Нищо общо.", matching: keys, analyzer: analyzer) == nil)
        // A long text: the passage starts a few words before the first match and marks every match in it.
        let filler = (1...30).map { "дума\($0)" }.joined(separator: " ")
        var matcher = Snippet.Matcher(keys: keys, analyzer: analyzer)
        let long = try #require(Snippet.make(filler + " библиотеки и библиотекар, библиотеката. " + filler, matching: &matcher, words: 12))
        let passage = long.map(\.text).joined()
        #expect(passage.hasPrefix("… ") && passage.hasSuffix(" …"))
        #expect(long.filter(\.isMatch).map(\.text) == ["библиотеки", "библиотеката"])
        // Four words before the match, eight after (a third and two thirds of twelve).
        #expect(passage == "… дума27 дума28 дума29 дума30 библиотеки и библиотекар, библиотеката. дума1 дума2 дума3 дума4 дума5 …")
        // Unmatched text between marks comes back as one part.
        #expect(long.map(\.isMatch) == [false, true, false, true, false])
        // The same matcher serves the next text.
        #expect(Snippet.make("Библиотеките", matching: &matcher)?.filter(\.isMatch).map(\.text) == ["Библиотеките"])
    }
}

extension SearchQueryTests {
    @Test("the key test answers as the document analysis does, word by word, with the built-in stemmer or a dictionary")
    func keyTest() throws {
        // Every word of the Velingrad designs (as JSON: Latin keys and numbers too), and words
        // that try the byte-level lower-casing: capitals, ѝ and Ѝ, Ѐ and Ё, a stop word in capitals.
        let designs = try VelingradDemo.designs.map { String(decoding: try JSONEncoder().encode($0.design), as: UTF8.self) }
        let corpus =
            designs + ["БИБЛИОТЕКИТЕ Библиотеката ѝ Ѝ И НА Ѐ Ёлка ЁЛКА е-услуги ONLINE 2012 Пенсионери60 ђак пенсионерѝте ПЕНСИОНЕРЍТЕ"]
        let analyzers = [
            BulgarianAnalyzer(dictionary: nil),
            BulgarianAnalyzer(
                dictionary: HunspellLemmatizer(affix: BulgarianAnalysisTests.affix, dictionary: BulgarianAnalysisTests.dictionary)),
        ]
        for analyzer in analyzers {
            let queries = ["библиотеки", "pensioneri online", "деца с увреждания", "и", "библиотекар", "бизнес туристи", "2012", "ёлки"]
            for query in queries {
                let keys = SearchQuery(query, analyzer: analyzer).allKeys
                let test = BulgarianAnalyzer.KeyTest(keys: keys, analyzer: analyzer)
                var matched = 0
                for text in corpus {
                    var text = text
                    text.withUTF8 { utf8 in
                        var scanner = BulgarianText.WordScanner(utf8)
                        while let range = scanner.next() {
                            let word = UnsafeBufferPointer(rebasing: utf8[range])
                            let raw = String(decoding: word, as: UTF8.self)
                            let expected = analyzer.documentWord(raw).map { !keys.isDisjoint(with: $0.keys) } ?? false
                            #expect(test.matches(utf8: word) == expected, "\(raw) for \(query)")
                            if expected { matched += 1 }
                        }
                    }
                }
                // Each query but the stop word meets some word of the corpus, so both answers are tried.
                #expect((matched > 0) == (query != "и"), "\(query)")
            }
        }
    }
}

@Suite("Byte string table")
struct ByteStringTableTests {
    @Test("strings are numbered in the order first added, found again after the table grows, and never confused")
    func numbering() {
        var table = ByteStringTable(capacity: 2)
        let words = (0..<5_000).map { "дума\($0)" } + ["", "a", "ab", "ба"]
        for (i, word) in words.enumerated() {
            #expect(table.add(word) == (i, true))
        }
        #expect(table.count == words.count)
        for (i, word) in words.enumerated() where i % 97 == 0 || word.count < 3 {
            #expect(table.number(of: word) == i)
            #expect(table.add(word) == (i, false))
            #expect(table.string(i) == word)
        }
        #expect(table.number(of: "дума5000") == nil && table.number(of: "b") == nil && table.number(of: "аб") == nil)
        #expect(table.count == words.count)
    }

    @Test("the hash spreads similar strings over the low bits the table uses")
    func spread() {
        // Strings that differ in one late byte, as facet lines and word forms do.
        let lines = (0..<5_000).map { "district=BG-\($0)" } + (0..<5_000).map { "библиотека\($0)" }
        var buckets = Set<UInt64>()
        for line in lines {
            var line = line
            buckets.insert(line.withUTF8 { ByteStringTable.hash($0) } & 16_383)
        }
        // Random placement of 10,000 keys into 16,384 buckets fills about 7,090 of them.
        #expect(buckets.count > 6_500, "\(buckets.count) buckets")
    }
}

@Suite("Mixed scripts")
struct MixedScriptTests {
    @Test("a Cyrillic word with Latin look-alikes is read in Cyrillic; a word in one script stays as it is")
    func lookalikes() {
        // "библиотек" + Latin "a" (U+0061), "Пeнсионeри" with Latin "e" (U+0065), "CОФИЯ" with Latin "C".
        #expect(BulgarianText.normalize("библиотек\u{61}") == "библиотека")
        #expect(BulgarianText.normalize("П\u{65}нсион\u{65}ри") == "пенсионери")
        #expect(BulgarianText.normalize("\u{43}ОФИЯ") == "софия")
        #expect(BulgarianText.normalize("ONLINE") == "online")
        #expect(BulgarianText.normalize("pensioneri") == "pensioneri")
        let analyzer = BulgarianAnalyzer(dictionary: nil)
        #expect(analyzer.document("библиотек\u{61}та").map(\.keys) == analyzer.document("библиотеката").map(\.keys))
        #expect(analyzer.query("библиотек\u{61}").map(\.keys) == analyzer.query("библиотека").map(\.keys))
    }
}

@Suite("Spelling")
struct SpellingTests {
    @Test("edit distance and the closest word within reach")
    func closest() {
        #expect(Spelling.distance("пенсонери", "пенсионери") == 1)
        #expect(Spelling.distance("", "абв") == 3)
        #expect(Spelling.distance("котка", "котка") == 0)
        let words = [(word: "библиотека", documents: 5), (word: "библиотеки", documents: 9), (word: "читалище", documents: 2)]
        #expect(
            Spelling.closest(to: "библиотекa", among: words) == "библиотеки"
                || Spelling.closest(to: "библиотекa", among: words) == "библиотека")
        #expect(Spelling.closest(to: "библиотекх", among: words) == "библиотеки")
        #expect(Spelling.closest(to: "чтлщ", among: words) == nil)
    }
}
