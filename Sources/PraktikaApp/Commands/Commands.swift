import Fluent
import PraktikaDomain
import SQLKit
import Vapor

/// `praktika migrate`: applies pending migrations, nothing else.
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Applies every pending database migration." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.migrateDatabase()
        let version = try await DatabaseKind.schemaVersion(context.application.sql)
        context.console.print("Database is at schema version \(version).")
    }
}

/// `praktika demo`: loads the Velingrad 2012 demo; safe to run again.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Loads the demo data (the Velingrad 2012 regional meeting). Running it again changes nothing." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.migrateDatabase()
        let summary = try await DemoLoader.forApplication(app).load()
        context.console.print("Demo data: \(summary.inserted) records added, \(summary.existing) already present.")
        DemoLoader.printSignInHelp(context.console)
    }
}

extension DemoLoader {
    static func forApplication(_ app: Application) -> DemoLoader {
        let hasher = app.password
        return DemoLoader(db: app.sql, passwordHasher: { try hasher.hash($0) })
    }

    static func printSignInHelp(_ console: any Console) {
        console.print("Sign in at /sign-in with one of these demo accounts (password: \(VelingradDemo.demoPassword)):")
        for account in VelingradDemo.accounts {
            console.print("  \(account.email)  — \(account.role.rawValue)\(account.districtCode.map { " (\($0))" } ?? "")")
        }
    }
}

/// `praktika user add --email E --name N --role R [--library ID] [--district CODE] [--partner ID]`;
/// the password comes from `PRAKTIKA_PASSWORD` or standard input.
struct UserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "add")
        var action: String
        @Option(name: "email", help: "the e-mail address to sign in with")
        var email: String?
        @Option(name: "name", help: "the person's name")
        var name: String?
        @Option(name: "role", help: "admin, coordinator, librarian or partner")
        var role: String?
        @Option(name: "library", help: "the library's id (librarian)")
        var library: Int64?
        @Option(name: "district", help: "the district's code, e.g. BG-13 (coordinator)")
        var district: String?
        @Option(name: "partner", help: "the registry partner's id that a partner account speaks for")
        var partner: Int64?
    }

    var help: String {
        "Manages accounts: `user add --email E --name N --role R [--library ID] [--district CODE] [--partner ID]`."
    }

    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "add" else { throw Problem(description: "Unknown action '\(signature.action)'; use 'add'.") }
        var problems: [String] = []
        let email = signature.email ?? ""
        var validator = Validator()
        validator.email("email", email)
        if email.isEmpty || !validator.errors.isEmpty { problems.append("--email must be an e-mail address") }
        let name = (signature.name ?? "").trimmingCharacters(in: .whitespaces)
        if name.isEmpty { problems.append("--name is required") }
        let role = signature.role.flatMap(Role.init(rawValue:))
        if role == nil { problems.append("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))") }
        let app = context.application
        try await app.migrateDatabase()
        var district = signature.district
        if let code = district, District.named(code) == nil { problems.append("--district must be a code BG-01 … BG-28") }
        if let library = signature.library {
            let row = try await app.sql.select().column("district_code").from("libraries").where("id", .equal, library).first()
            if let row {
                district = try district ?? row.decode(column: "district_code", as: String?.self)
            } else {
                problems.append("--library \(library) does not exist")
            }
        }
        if let partner = signature.partner {
            if role != .partner { problems.append("--partner is for a partner account") }
            if try await app.sql.select().column("id").from("partners").where("id", .equal, partner).first() == nil {
                problems.append("--partner \(partner) does not exist")
            }
        }
        if role == .librarian && signature.library == nil { problems.append("a librarian needs --library") }
        if role == .coordinator && district == nil { problems.append("a coordinator needs --district") }
        if try await AccountStore(db: app.sql).user(email: email) != nil { problems.append("a user with e-mail \(email) exists already") }
        guard problems.isEmpty, let role else { throw Problem(description: problems.joined(separator: "; ")) }

        let password = ProcessInfo.processInfo.environment["PRAKTIKA_PASSWORD"] ?? readLine(strippingNewline: true) ?? ""
        guard password.count >= 8 else {
            throw Problem(description: "the password (standard input or PRAKTIKA_PASSWORD) needs at least 8 characters")
        }
        let id = try await AccountStore(db: app.sql).createUser(
            email: email, name: name, passwordHash: try app.password.hash(password), role: role, districtCode: district,
            libraryID: signature.library, partnerID: signature.partner)
        context.console.print("Created user \(id): \(AccountStore.normalisedEmail(email)) (\(role.rawValue)).")
    }
}

/// `praktika reindex`: rebuilds the full-text index of the designs, e.g. after installing hunspell-bg.
struct ReindexCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Rebuilds the search index of every service design (after the Bulgarian dictionary was installed or removed)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.migrateDatabase()
        let count = try await context.application.db.writeTransaction { db in
            let sql = db as! any SQLDatabase
            _ = try await IndexedAnalyzer.claim(sql, SearchSettings.analyzer.identity)
            return try await DesignStore(db: sql).reindexAll()
        }
        context.console.print(
            "Indexed \(count) designs\(SearchSettings.analyzer.dictionary == nil ? " with the built-in stemmer" : " with the Bulgarian dictionary")."
        )
    }
}

extension Application {
    /// The migrations this version applies, by name: the database is brought up to date first,
    /// so its record of applied migrations is this version's list.
    func knownMigrationNames() async throws -> Set<String> {
        try await migrateDatabase()
        return Set(try await sql.raw("SELECT name FROM _fluent_migrations").all().map { try $0.decode(column: "name", as: String.self) })
    }
}

/// `praktika backup FILE`: a consistent copy of the live SQLite database.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "where to write the copy (a new file)")
        var file: String
    }
    var help: String { "Writes a consistent copy of the SQLite database while the server runs (VACUUM INTO)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let backup = Backup(database: app.db, knownMigrations: try await app.knownMigrationNames())
        let file = URL(fileURLWithPath: signature.file)
        try await backup.write(to: file)
        let version = try await backup.check(file)
        context.console.print("Backed up to \(file.path) (schema version \(version)).")
    }
}

/// `praktika restore FILE`: checks a backup and puts it in place of the database (server stopped).
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "a file written by `praktika backup`")
        var file: String
    }
    var help: String {
        "Replaces the SQLite database with a backup after checking it is a Praktika database of a known schema. Stop the server first."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let configuration = app.storage[ConfigurationKey.self], case .sqlite(let path) = configuration.database else {
            throw BackupError(Backup.postgresAdvice)
        }
        let file = URL(fileURLWithPath: signature.file)
        let version = try await Backup(database: app.db, knownMigrations: try await app.knownMigrationNames()).check(file)
        try await app.databases.shutdownAsync()
        try Backup.restore(file, into: URL(fileURLWithPath: path))
        context.console.print("Restored \(file.path) (schema version \(version)) into \(path). Start the server to apply newer migrations.")
    }
}

/// `praktika export DIR`: everything the network holds as JSON, CSV and files.
struct ExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "directory", help: "a new or empty folder")
        var directory: String
    }
    var help: String { "Writes every table as JSON and CSV, and every attached file, into a folder (README.txt there says what is where)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let manifest = try await DataExport(db: context.application.sql).write(to: URL(fileURLWithPath: signature.directory))
        let rows = manifest.tables.values.reduce(0, +)
        context.console.print(
            "Exported \(rows) rows of \(manifest.tables.count) tables and \(manifest.files) files to \(signature.directory).")
    }
}
