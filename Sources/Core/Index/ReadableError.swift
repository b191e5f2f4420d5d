import Foundation

/// An error as one readable phrase for a warning line: “No such file or directory”, not
/// Foundation's `Error Domain=NSCocoaErrorDomain Code=4 … UserInfo={…}`. A POSIX cause is told
/// by the system's own words for it.
public enum ReadableError {
    public static func describe(_ error: Error) -> String {
        let ns = error as NSError
        var current: NSError? = ns
        while let error = current {
            if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
            current = (error.userInfo[NSUnderlyingErrorKey] as? Error).map { $0 as NSError }
        }
        if let described = error as? CustomStringConvertible, ns.domain != NSCocoaErrorDomain { return described.description }
        return ns.localizedDescription
    }
}
