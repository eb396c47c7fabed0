import Store
import Testing

/// The database a command uses: `--database-url` first, then `DATABASE_URL`, then the `PG*`
/// variables; empty values count as unset. (The embedded-server fallback starts a server and is
/// exercised by the integration tests.)
@Suite struct DatabaseResolverTests {
    @Test func anExplicitURLWinsOverTheEnvironment() throws {
        let (configuration, source) = try DatabaseResolver.resolve(
            explicitURL: "postgresql://a@h1/one",
            environment: ["DATABASE_URL": "postgresql://b@h2/two", "PGHOST": "h3"])
        #expect(configuration.conninfo == "postgresql://a@h1/one")
        #expect(source == .option)
        #expect(source.rawValue == "--database-url")
    }

    @Test func databaseURLIsUsedWhenNoOptionOrAnEmptyOneIsGiven() throws {
        for explicit in [nil, ""] as [String?] {
            let (configuration, source) = try DatabaseResolver.resolve(
                explicitURL: explicit, environment: ["DATABASE_URL": "postgresql://b@h2/two", "PGHOST": "h3"])
            #expect(configuration.conninfo == "postgresql://b@h2/two")
            #expect(source == .databaseURL)
        }
    }

    @Test func pgVariablesSelectLibpqDefaultsWhenDatabaseURLIsEmpty() throws {
        let (configuration, source) = try DatabaseResolver.resolve(
            explicitURL: nil, environment: ["DATABASE_URL": "", "PGDATABASE": "catalogue"])
        #expect(configuration.conninfo == "")
        #expect(source == .libpqEnvironment)
        #expect(source.rawValue == "PG* environment")
    }
}
