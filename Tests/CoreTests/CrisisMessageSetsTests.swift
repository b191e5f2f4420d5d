import Core
import Foundation
import Testing

/// The detector on the studied sets in `CrisisMessages/` (see its README; `unstudied/` is left out): no sliding back on
/// messages already studied, and no false alarms on their ordinary messages.
@Suite struct CrisisMessageSetsTests {
    struct Message: Decodable {
        let id: String
        let text: String
        let label: String
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("CrisisMessages")

    static func messages() throws -> [Message] {
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "jsonl" }
        return try files.flatMap { file in
            try String(decoding: Data(contentsOf: file), as: UTF8.self).split(separator: "\n").map {
                try JSONDecoder().decode(Message.self, from: Data($0.utf8))
            }
        }
    }

    @Test func recallAndFalseAlarmsAcrossTheSets() throws {
        let detector = CrisisDetector()
        let messages = try Self.messages()
        let crises = messages.filter { $0.label == "crisis" }
        let ordinary = messages.filter { $0.label == "ordinary" }
        #expect(crises.count > 1_600 && ordinary.count > 1_300)
        let missed = crises.filter { detector.assess($0.text).level != .crisis }
        let alarms = ordinary.filter { detector.assess($0.text).level == .crisis }
        #expect(missed.count * 100 <= crises.count * 5, "missed \(missed.count): \(missed.map(\.id))")
        #expect(alarms.count * 100 <= ordinary.count, "false alarms: \(alarms.map(\.id))")
    }
}
