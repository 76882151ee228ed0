import Fluent
import SQLKit

/// 018: a number that grows whenever what a search may find changes (`search_version`), so
/// that an app server can keep the matches of recent searches (`SearchCache`) and know, with one
/// read, whether they still hold. Triggers keep it, not the code that writes: any change to the
/// indexed documents, to a design (visibility, publication), to the libraries a design belongs to,
/// or to a library's district raises it in the same transaction, so that the new number is seen
/// exactly when the change is.
///
/// On PostgreSQL the rise happens once per transaction, at its commit (a deferred constraint
/// trigger that notes in a transaction-local setting that it has run): concurrent writers then
/// wait for the one row only at the very end, holding nothing another of them waits for, so the
/// row cannot take part in a deadlock; and a transaction that writes a million rows updates it once.
enum Migrations018 {
    static func register(in migrations: Migrations) {
        migrations.add(SearchVersion())
    }

    /// The tables whose changes can change what a search finds or who may see it.
    static let watched = ["search_documents", "service_designs", "design_libraries", "libraries"]

    struct SearchVersion: AsyncMigration {
        var name: String { "018_search_version" }

        func prepare(on database: any Database) async throws {
            let sql = database as! any SQLDatabase
            try await sql.raw("CREATE TABLE search_version (id INTEGER PRIMARY KEY, version BIGINT NOT NULL)").run()
            try await sql.raw("INSERT INTO search_version(id, version) VALUES (1, 1)").run()
            if sql.dialect.name == "sqlite" {
                for table in watched {
                    for event in ["INSERT", "UPDATE", "DELETE"] {
                        try await sql.raw(
                            """
                            CREATE TRIGGER \(unsafeRaw: "search_version_\(table)_\(event.lowercased())") AFTER \(unsafeRaw: event) ON \(ident: table) \
                            BEGIN UPDATE search_version SET version = version + 1 WHERE id = 1; END
                            """
                        ).run()
                    }
                }
                return
            }
            try await sql.raw(
                """
                CREATE FUNCTION praktika_raise_search_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF current_setting('praktika.search_version_raised', true) IS DISTINCT FROM 'yes' THEN
                        PERFORM set_config('praktika.search_version_raised', 'yes', true);
                        UPDATE search_version SET version = version + 1 WHERE id = 1;
                    END IF;
                    RETURN NULL;
                END $$
                """
            ).run()
            for table in watched {
                try await sql.raw(
                    """
                    CREATE CONSTRAINT TRIGGER \(unsafeRaw: "search_version_\(table)") AFTER INSERT OR UPDATE OR DELETE ON \(ident: table) \
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION praktika_raise_search_version()
                    """
                ).run()
            }
        }

        func revert(on database: any Database) async throws {
            let sql = database as! any SQLDatabase
            if sql.dialect.name == "sqlite" {
                for table in watched {
                    for event in ["insert", "update", "delete"] {
                        try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: "search_version_\(table)_\(event)")").run()
                    }
                }
            } else {
                for table in watched {
                    try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: "search_version_\(table)") ON \(ident: table)").run()
                }
                try await sql.raw("DROP FUNCTION IF EXISTS praktika_raise_search_version()").run()
            }
            try await sql.raw("DROP TABLE search_version").run()
        }
    }
}
