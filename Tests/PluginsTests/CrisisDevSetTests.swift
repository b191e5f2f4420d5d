import Core
import Foundation
import Testing

/// The detector against `../shared/eval/crisis-dev.jsonl` (or `$KQ_SHARED/eval/…`), the labelled
/// messages issue 12 is judged on: recall on crisis messages at least 99 %, false alarms on
/// ordinary ones at most 2 %. A clone without the shared material skips this, and says so.
@Suite struct CrisisDevSetTests {
    struct Message: Decodable {
        let id: String
        let text: String
        let label: String
        let category: String
    }

    static let messages: [Message]? = {
        let shared = ProcessInfo.processInfo.environment["KQ_SHARED"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
        guard let data = try? Data(contentsOf: shared.appendingPathComponent("eval/crisis-dev.jsonl")) else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
            try? JSONDecoder().decode(Message.self, from: Data($0.utf8))
        }
    }()

    static var informational: [String]? {
        messages?.filter { $0.label == "informational" }.map(\.text)
    }

    @Test(.enabled(if: messages != nil, "needs ../shared/eval/crisis-dev.jsonl (or $KQ_SHARED)"))
    func recallAndFalseAlarmsMeetTheIssuesBar() throws {
        let detector = CrisisDetector()
        let messages = try #require(Self.messages)
        let crises = messages.filter { $0.label == "crisis" }
        let ordinary = messages.filter { $0.label == "ordinary" }
        let missed = crises.filter { detector.assess($0.text).level != .crisis }
        let alarms = ordinary.filter { detector.assess($0.text).level == .crisis }
        #expect(crises.count >= 100 && ordinary.count >= 50)
        #expect(Double(crises.count - missed.count) >= 0.99 * Double(crises.count), "missed: \(missed.map(\.id))")
        #expect(Double(alarms.count) <= 0.02 * Double(ordinary.count), "false alarms: \(alarms.map(\.id))")
    }

    @Test(.enabled(if: messages != nil, "needs ../shared/eval/crisis-dev.jsonl (or $KQ_SHARED)"))
    func aboutSomeoneElseIsToldApart() throws {
        let detector = CrisisDetector()
        let thirdPerson = try #require(Self.messages).filter { $0.category == "third-person" }
        let others = thirdPerson.filter { detector.assess($0.text).subject == .someoneElse }
        #expect(others.count * 10 >= thirdPerson.count * 8, "read as the writer's: \(thirdPerson.filter { detector.assess($0.text).subject != .someoneElse }.map(\.id))")
    }
}
