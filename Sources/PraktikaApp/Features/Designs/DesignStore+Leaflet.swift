import Foundation
import PraktikaDomain
import SQLKit

extension DesignStore {
    /// The leaflet as the library wrote it; nil while it is the chart's suggestion.
    func leaflet(_ id: Int64) async throws -> LeafletText? {
        guard let row = try await db.select().column("content").from("design_leaflets").where("design_id", .equal, id).first() else {
            return nil
        }
        return try JSONDecoder().decode(LeafletText.self, from: Data(try row.decode(column: "content", as: String.self).utf8))
    }

    /// Replaces the leaflet's text; call inside a transaction.
    func saveLeaflet(_ id: Int64, _ text: LeafletText, by actor: Actor?) async throws {
        let content = String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
        try await db.delete(from: "design_leaflets").where("design_id", .equal, id).run()
        try await db.insert(into: "design_leaflets").columns("design_id", "content", "updated_at", "updated_by")
            .values(SQLBind(id), SQLBind(content), SQLBind(Int64(Date().timeIntervalSince1970)), SQLBind(actor?.name)).run()
    }
}
