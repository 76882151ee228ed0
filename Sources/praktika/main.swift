import PraktikaApp
import Vapor

// The entry point only: read the environment, build the app, run the command, shut down.
var environment = try Environment.detect()
try LoggingSystem.bootstrap(from: &environment)
let app = try await Application.make(environment)
do {
    try await configure(app, try AppConfiguration.fromEnvironment())
    try await prepareServe(app)
} catch {
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    exit(1)
}
do {
    try await app.execute()
} catch {
    // Vapor has already reported a failed command; saying it again would print it twice.
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
