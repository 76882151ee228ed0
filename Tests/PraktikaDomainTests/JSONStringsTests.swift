import Foundation
import Testing

@testable import PraktikaDomain

@Suite("Strings read out of JSON")
struct JSONStringsTests {
    @Test("strings at chosen paths, decoded as JSONSerialization decodes them, other values passed over")
    func agreesWithFoundation() throws {
        let text = #"""
            { "title" : "Клуб \"Пенсионери\" \\ 60+",
              "skip": {"deep": [1, -2.5e3, 0, true, false, null, {"x": "y\"z"}, []], "title": "not this one"},
              "escapes": "a\/b\nc\td\u00e9\u0416\ud83d\ude00 \b\f\r",
              "items": [ {"name": "първо", "n": 1}, {"n": 2}, {"name": null}, {"name": "второ"}, "bare" ],
              "number": 12, "empty": "", "nested": {"inner": {"text": "вътре"}}
            }
            """#
        let paths: [[JSONStrings.Step]] = [
            [.key("title")], [.key("escapes")], [.key("items"), .each, .key("name")], [.key("number")], [.key("missing")],
            [.key("empty")], [.key("nested"), .key("inner"), .key("text")], [.key("items"), .each],
        ]
        let found = try #require(JSONStrings.strings(in: text, at: paths))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(found[0] == [object["title"] as? String])
        #expect(found[1] == [object["escapes"] as? String])
        #expect(found[1] == ["a/b\nc\tdéЖ😀 \u{8}\u{C}\r"])
        #expect(found[2] == ["първо", "второ"])
        // A number, a missing key: nothing.
        #expect(found[3].isEmpty && found[4].isEmpty)
        #expect(found[5] == [""])
        #expect(found[6] == ["вътре"])
        // Only the array's string elements, not its objects.
        #expect(found[7] == ["bare"])
    }

    @Test(
        "text that is not well-formed JSON gives nil",
        arguments: [
            "", "{", "{\"a\":}", "[1,]", "{\"a\" 1}", "01", "-", "1.", "1e", "\"open", "{} x", "{\"a\": tru}", "[\"bad \\x escape\"]",
            "[\"\\u12\"]", "{\"a\": \"line\nbreak\"}", "{\"a\": 1,}", "[1 2]",
        ])
    func malformed(text: String) {
        #expect(JSONStrings.strings(in: text, at: [[.key("a")], [.each]]) == nil)
    }

    @Test("well-formed scalars and empty containers pass", arguments: ["0", "-0.5", "1E+9", "true", "null", "[]", "{}", " \"x\" "])
    func scalars(text: String) {
        #expect(JSONStrings.strings(in: text, at: [[.key("a")]]) != nil)
    }

    @Test("a lone surrogate becomes the replacement character; a pair becomes one character")
    func surrogates() throws {
        let found = try #require(JSONStrings.strings(in: #"{"a": "x\ud800y", "b": "\ud83c\udf89"}"#, at: [[.key("a")], [.key("b")]]))
        #expect(found == [["x\u{FFFD}y"], ["🎉"]])
    }

    @Test("a stored design's snippet texts, in the order they are tried, whichever order the keys are stored in")
    func designTexts() throws {
        let design = ServiceDesign(
            title: "Пенсионери ONLINE", summary: "Кратко описание", libraryIDs: [1],
            targetGroup: TargetGroup(category: .pensioners, description: "Хора над 60 години"), needs: "Нужда от умения",
            service: "Курсове по компютърна грамотност", goal: "Самостоятелност онлайн",
            partners: [DesignPartner(name: "Клуб на пенсионера \"Здраве\"", kind: .ngo), DesignPartner(name: "Община Велинград")],
            activities: [Activity(title: "Набиране на участници"), Activity(title: "Занятия / упражнения")],
            expectedResults: "30 обучени", socialEffect: nil, economicEffect: "По-малко разходи")
        let expected = [
            "Хора над 60 години", "Нужда от умения", "Курсове по компютърна грамотност", "Самостоятелност онлайн", "Кратко описание",
            "30 обучени", "По-малко разходи", "Набиране на участници", "Занятия / упражнения", "Клуб на пенсионера \"Здраве\"",
            "Община Велинград",
        ]
        for formatting in [JSONEncoder.OutputFormatting.sortedKeys, [], .prettyPrinted] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = formatting
            let data = try encoder.encode(design)
            let texts = data.withUnsafeBytes { Snippet.designTexts(json: $0.bindMemory(to: UInt8.self)) }
            #expect(texts == expected)
        }
    }
}
