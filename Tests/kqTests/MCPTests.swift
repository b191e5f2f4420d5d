import Foundation
import Testing

/// Issue 17: `kq mcp` driven by a real MCP client that no one here wrote, the official Python
/// SDK, in a virtualenv made for the tests (`MCPClient/check_mcp.py` says what it checks).
@Suite struct MCPTests {
    static let sdk = "mcp==2.3.0"

    /// A virtualenv holding the SDK, made once a machine and kept in the temporary folder.
    static func python() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kq-tests-venv-\(sdk)")
        let python = folder.appendingPathComponent("bin/python")
        if FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent(".ready").path) { return python }
        let system = URL(fileURLWithPath: "/usr/bin/env")
        let made = try KQProcess.run(["python3", "-m", "venv", folder.path], executable: system)
        #expect(made.status == 0, "\(made.stderr)")
        let installed = try KQProcess.run(["-m", "pip", "install", "-q", sdk], executable: python)
        #expect(installed.status == 0, "\(installed.stderr)")
        FileManager.default.createFile(atPath: folder.appendingPathComponent(".ready").path, contents: nil,
                                       attributes: [.posixPermissions: 0o755])
        return python
    }

    @Test func theOfficialPythonClientListsAndCallsEveryToolAndSurvivesBadClients() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("MCPClient/check_mcp.py")
        let knowledge = KQProcess.repositoryRoot.appendingPathComponent("Knowledge")
        let run = try KQProcess.run([script.path, KQProcess.executable.path, knowledge.path], executable: try Self.python())
        #expect(run.status == 0 && run.stdout.contains("ok"), "\(run.stdout)\n\(run.stderr)")
    }
}
