// Who a commit made by nks-sync is by: git's own user.name/user.email when set, else the
// local user at this host, so the store's history says who pushed or imported.
import Foundation
import NKSStore

enum Identity {
    static func current(in store: ConfigStore?) -> GitSignature {
        let user = ProcessInfo.processInfo.environment["USER"] ?? NSUserName()
        let fallback = GitSignature(name: user, email: "\(user)@\(ProcessInfo.processInfo.hostName)")
        return store?.signature(fallback: fallback) ?? fallback
    }
}
