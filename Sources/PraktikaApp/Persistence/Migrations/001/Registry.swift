import Fluent
import PraktikaDomain
import SQLKit

/// 001: the network registry and its reference data.
enum Migrations001 {
    static func register(in migrations: Migrations) {
        migrations.add(CreateRegistry())
        migrations.add(SeedDistricts())
    }

    struct CreateRegistry: AsyncMigration {
        var name: String { "001_create_registry" }

        func prepare(on database: any Database) async throws {
            try await database.schema("districts")
                .field("code", .string, .identifier(auto: false))
                .field("name_bg", .string, .required)
                .field("name_en", .string, .required)
                .create()
            try await database.schema("municipalities")
                .field("id", .int64, .identifier(auto: true))
                .field("name", .string, .required)
                .field("name_key", .string, .required)
                .field("district_code", .string, .required, .references("districts", "code"))
                .field("created_at", .datetime, .required)
                .field("updated_at", .datetime, .required)
                .create()
            try await database.schema("settlements")
                .field("id", .int64, .identifier(auto: true))
                .field("name", .string, .required)
                .field("name_key", .string, .required)
                .field("kind", .string, .required)
                .field("municipality_id", .int64, .required, .references("municipalities", "id"))
                .field("population", .int64)
                .field("created_at", .datetime, .required)
                .field("updated_at", .datetime, .required)
                .create()
            try await database.schema("libraries")
                .field("id", .int64, .identifier(auto: true))
                .field("name", .string, .required)
                .field("name_key", .string, .required)
                .field("kind", .string, .required)
                .field("chitalishte_name", .string)
                .field("settlement_id", .int64, .references("settlements", "id"))
                .field("district_code", .string, .references("districts", "code"))
                .field("network_member_since", .string)
                .field("address", .string)
                .field("email", .string)
                .field("phone", .string)
                .field("website", .string)
                .field("notes", .string)
                .field("created_at", .datetime, .required)
                .field("updated_at", .datetime, .required)
                .create()
            try await database.schema("partners")
                .field("id", .int64, .identifier(auto: true))
                .field("name", .string, .required)
                .field("name_key", .string, .required)
                .field("kind", .string, .required)
                .field("settlement_id", .int64, .references("settlements", "id"))
                .field("district_code", .string, .references("districts", "code"))
                .field("contact_person", .string)
                .field("address", .string)
                .field("email", .string)
                .field("phone", .string)
                .field("website", .string)
                .field("notes", .string)
                .field("created_at", .datetime, .required)
                .field("updated_at", .datetime, .required)
                .create()
            try await database.schema("people")
                .field("id", .int64, .identifier(auto: true))
                .field("full_name", .string, .required)
                .field("name_key", .string, .required)
                .field("network_role", .string, .required)
                .field("position", .string)
                .field("organisation", .string)
                .field("library_id", .int64, .references("libraries", "id"))
                .field("partner_id", .int64, .references("partners", "id"))
                .field("district_code", .string, .references("districts", "code"))
                .field("email", .string)
                .field("phone", .string)
                .field("consent_recorded_on", .string)
                .field("notes", .string)
                .field("created_at", .datetime, .required)
                .field("updated_at", .datetime, .required)
                .create()
            let sql = database as! any SQLDatabase
            for (table, columns) in [
                ("municipalities", ["district_code"]), ("municipalities", ["name_key"]),
                ("settlements", ["municipality_id"]), ("settlements", ["name_key"]),
                ("libraries", ["district_code"]), ("libraries", ["settlement_id"]), ("libraries", ["name_key"]),
                ("partners", ["district_code"]), ("partners", ["settlement_id"]), ("partners", ["name_key"]),
                ("people", ["district_code"]), ("people", ["library_id"]), ("people", ["partner_id"]),
                ("people", ["name_key"]),
            ] {
                var index = sql.create(index: "idx_\(table)_\(columns.joined(separator: "_"))").on(table)
                for column in columns { index = index.column(column) }
                try await index.run()
            }
        }

        func revert(on database: any Database) async throws {
            for table in ["people", "partners", "libraries", "settlements", "municipalities", "districts"] {
                try await database.schema(table).delete()
            }
        }
    }

    /// The 28 districts are reference data present in every database.
    struct SeedDistricts: AsyncMigration {
        var name: String { "001_seed_districts" }

        func prepare(on database: any Database) async throws {
            let sql = database as! any SQLDatabase
            var insert = sql.insert(into: "districts").columns("code", "name_bg", "name_en")
            for district in District.all {
                insert = insert.values(SQLBind(district.code), SQLBind(district.nameBG), SQLBind(district.nameEN))
            }
            try await insert.run()
        }

        func revert(on database: any Database) async throws {
            try await (database as! any SQLDatabase).delete(from: "districts").run()
        }
    }
}
