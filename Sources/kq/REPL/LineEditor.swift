import CEditLine
import Foundation

/// Line editing for the REPL through libedit: emacs keys and arrows, history that persists,
/// Ctrl-R incremental search, tab completion, Ctrl-C to abandon a line, Ctrl-D to leave.
///
/// Ctrl-C: libedit's own signal handling would re-raise SIGINT to the whole process group, and
/// its built-in reader retries a read interrupted once. So kq installs its own SIGINT handler and
/// reads characters itself (EL_GETCFN): an interrupted read() returns -1, and el_gets then
/// restores the terminal and returns NULL with count -1, which `read` reports as `.interrupted`.
final class LineEditor {
    enum Input: Equatable {
        case line(String)
        case interrupted
        case endOfInput
    }

    private let editLine: OpaquePointer
    private let history: OpaquePointer?
    private let historyURL: URL?
    private let completions: [String]
    private var prompt: UnsafeMutablePointer<CChar>
    private var previousSignals: [Int32: sigaction] = [:]

    init(program: String, historyURL: URL?, completions: [String]) {
        Self.useUTF8Locale()
        self.historyURL = historyURL
        self.completions = completions.sorted()
        prompt = strdup("kq> ")
        editLine = kq_el_init(program)
        history = history_init()

        kq_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        kq_el_set_prompt(editLine) { editLine in
            LineEditor.owner(of: editLine)?.prompt
        }
        kq_el_set_editor(editLine, "emacs")
        kq_el_set_signal(editLine, 0)
        kq_el_set_getc(editLine, LineEditor.readCharacter)
        kq_el_bind(editLine, "^R", "em-inc-search-prev")
        kq_el_add_function(editLine, "kq-complete", "Complete a REPL command", LineEditor.complete)
        kq_el_bind(editLine, "^I", "kq-complete")

        if let history {
            kq_history_set_size(history, 1000)
            kq_history_set_unique(history, 1)
            if let historyURL { _ = kq_history_load(history, historyURL.path) }
            kq_el_set_history(editLine, history)
        }
        el_source(editLine, nil)  // the user's ~/.editrc, if any, has the last word
        previousSignals = Signals.install()
    }

    deinit {
        Signals.restore(previousSignals)
        if let history { history_end(history) }
        el_end(editLine)
        free(prompt)
    }

    func read(prompt text: String) -> Input {
        free(prompt)
        prompt = strdup(text)
        Signals.interrupted.store(false, ordering: .relaxed)
        var count: Int32 = 0
        guard let line = el_gets(editLine, &count) else {
            return count == -1 && Signals.interrupted.exchange(false, ordering: .relaxed) ? .interrupted : .endOfInput
        }
        var text = String(cString: line)
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return .line(text)
    }

    /// Adds a line to history and saves the file at once, so a crash or a kill keeps it.
    func remember(_ line: String) {
        guard let history, !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        kq_history_enter(history, line)
        guard let historyURL else { return }
        try? FileManager.default.createDirectory(at: historyURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        _ = kq_history_save(history, historyURL.path)
    }

    /// Command names that complete `prefix`, for the Tab key.
    func candidates(for prefix: String) -> [String] {
        completions.filter { $0.hasPrefix(prefix) }
    }

    private static func owner(of editLine: OpaquePointer?) -> LineEditor? {
        guard let editLine, let data = kq_el_clientdata(editLine) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    /// libedit needs a UTF-8 locale to measure and encode non-ASCII input.
    private static func useUTF8Locale() {
        setlocale(LC_CTYPE, "")
        if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset).uppercased().replacingOccurrences(of: "-", with: "") != "UTF8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    /// EL_GETCFN: one character from stdin, decoded from UTF-8. Returns 1 with a character, 0 at
    /// end of input, -1 (errno EINTR) when Ctrl-C interrupted the read.
    private static let readCharacter: el_rfunc_t = { editLine, character in
        var bytes: [UInt8] = []
        var expected = 1
        while true {
            var byte: UInt8 = 0
            let n = Foundation.read(STDIN_FILENO, &byte, 1)
            if n == 0 { return 0 }
            if n < 0 {
                guard errno == EINTR else { return -1 }
                if Signals.interrupted.load(ordering: .relaxed) {
                    errno = EINTR
                    return -1
                }
                if Signals.resized.exchange(false, ordering: .relaxed), let editLine { el_resize(editLine) }
                continue
            }
            if bytes.isEmpty {
                switch byte {
                case 0x00...0x7F: expected = 1
                case 0xC2...0xDF: expected = 2
                case 0xE0...0xEF: expected = 3
                case 0xF0...0xF4: expected = 4
                default: continue  // not a lead byte: drop it
                }
            } else if byte & 0xC0 != 0x80 {
                bytes.removeAll()  // broken sequence: drop it and read on
                continue
            }
            bytes.append(byte)
            guard bytes.count == expected else { continue }
            guard let scalar = String(validating: bytes, as: UTF8.self)?.unicodeScalars.first else {
                bytes.removeAll()
                continue
            }
            character?.pointee = wchar_t(bitPattern: scalar.value)
            return 1
        }
    }

    /// Tab: completes a `:command` at the start of the line, or lists the choices.
    private static let complete: kq_editor_function = { editLine, _ in
        guard let editLine, let editor = owner(of: editLine), let info = el_line(editLine)?.pointee,
              let start = info.buffer, let cursor = info.cursor else { return UInt8(CC_ERROR) }
        let typed = String(decoding: UnsafeRawBufferPointer(start: start, count: cursor - start), as: UTF8.self)
        guard typed.hasPrefix(":"), !typed.contains(" ") else { return UInt8(CC_ERROR) }
        let matches = editor.candidates(for: typed)
        guard let first = matches.first else { return UInt8(CC_ERROR) }
        if matches.count == 1 {
            el_insertstr(editLine, String(first.dropFirst(typed.count)) + " ")
            return UInt8(CC_REFRESH)
        }
        let common = matches.dropFirst().reduce(first) { $0.commonPrefix(with: $1) }
        if common.count > typed.count {
            el_insertstr(editLine, String(common.dropFirst(typed.count)))
            return UInt8(CC_REFRESH)
        }
        StandardStreams.write(Array(("\n" + matches.joined(separator: "  ") + "\n").utf8))
        return UInt8(CC_REDISPLAY)
    }
}
