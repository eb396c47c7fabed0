import ADQL
import Testing

@Suite struct ADQLParserTests {
    /// Every construct of the brief parses.
    @Test(arguments: [
        "SELECT * FROM slam.labels",
        "SELECT ALL t.* FROM slam.labels AS t",
        "SELECT DISTINCT TOP 5 obsid AS id, teff t FROM labels",
        "SELECT a.obsid FROM labels a INNER JOIN apogee b ON a.ra = b.ra",
        "SELECT a.obsid FROM labels a LEFT OUTER JOIN apogee b USING (ra, \"dec\")",
        "SELECT obsid FROM labels RIGHT JOIN apogee ON 1 = 1",
        "SELECT obsid FROM labels FULL OUTER JOIN apogee ON 1 = 1",
        "SELECT obsid FROM labels NATURAL JOIN apogee",
        "SELECT obsid FROM labels NATURAL LEFT JOIN apogee",
        "SELECT obsid FROM labels CROSS JOIN apogee",
        "SELECT obsid FROM labels, apogee, (SELECT 1 AS one FROM labels) AS s",
        "SELECT obsid FROM (labels JOIN apogee ON 1 = 1)",
        "SELECT obsid, COUNT(*) FROM labels WHERE teff > 5000 GROUP BY obsid HAVING COUNT(*) > 1 ORDER BY 2 DESC, obsid ASC OFFSET 10",
        "SELECT obsid FROM labels UNION SELECT obsid FROM apogee",
        "SELECT obsid FROM labels UNION ALL SELECT obsid FROM apogee INTERSECT SELECT 1 FROM labels EXCEPT SELECT 2 FROM labels",
        "(SELECT obsid FROM labels) UNION (SELECT obsid FROM apogee ORDER BY 1)",
        "WITH a AS (SELECT obsid FROM labels), b AS (SELECT * FROM a) SELECT * FROM b",
        "SELECT obsid FROM labels WHERE obsid IN (SELECT obsid FROM labels) AND EXISTS (SELECT 1 FROM apogee)",
        "SELECT obsid FROM labels WHERE teff = (SELECT MAX(teff) FROM labels)",
        "SELECT obsid FROM labels WHERE teff <> 1 AND teff != 2 AND teff < 3 AND teff <= 4 AND teff > 5 AND teff >= 6",
        "SELECT obsid FROM labels WHERE teff BETWEEN 1 AND 2 OR teff NOT BETWEEN 3 AND 4",
        "SELECT obsid FROM labels WHERE name LIKE 'a%' OR name NOT ILIKE 'b_' OR name IS NULL OR name IS NOT NULL",
        "SELECT obsid FROM labels WHERE obsid IN (1, 2, 3) AND obsid NOT IN (4) AND NOT (teff > 1 OR teff < 0)",
        "SELECT CASE WHEN teff > 5000 THEN 'hot' ELSE 'cool' END, CASE obsid WHEN 1 THEN 'one' END FROM labels",
        "SELECT COALESCE(teff, 0), CAST(teff AS INTEGER), CAST(obsid AS VARCHAR(20)), CAST(teff AS DOUBLE PRECISION), CAST(obsid AS CHAR(3)), CAST(t AS TIMESTAMP), CAST(a AS SMALLINT), CAST(a AS BIGINT), CAST(a AS REAL) FROM labels",
        "SELECT -teff + 2 * 3 / 4 - 1, 'a' || 'b', 12, 1.5, 1.5e-3, 2E10, .5, 0x1F FROM labels",
        "SELECT ABS(a), CEILING(a), DEGREES(a), EXP(a), FLOOR(a), LOG(a), LOG10(a), MOD(a, 2), PI(), POWER(a, 2), RADIANS(a), SQRT(a), RAND(), ROUND(a), ROUND(a, 2), TRUNCATE(a), TRUNCATE(a, 1) FROM labels",
        "SELECT SIN(a), COS(a), TAN(a), ASIN(a), ACOS(a), ATAN(a), ATAN2(a, b), COT(a), LOWER(s), UPPER(s) FROM labels",
        "SELECT COUNT(*), COUNT(obsid), COUNT(DISTINCT obsid), AVG(teff), MIN(teff), MAX(teff), SUM(teff), SUM(ALL teff) FROM labels",
        "SELECT DISTANCE(POINT('ICRS', ra, dec), POINT(1, 2)), COORD1(POINT(ra, dec)), COORD2(POINT(ra, dec)) FROM labels WHERE CONTAINS(POINT(ra, dec), CIRCLE('', 1, 2, 3)) = 1 OR INTERSECTS(BOX(1, 2, 3, 4), POINT(ra, dec)) = 1 OR 1 = CONTAINS(POINT(ra, dec), POLYGON(1, 2, 3, 4, 5, 6))",
        "select * from slam.labels;",
    ])
    func everyConstructParses(_ text: String) throws {
        _ = try ADQLParser.parse(text)
    }

    @Test func selectHasItsPartsWithPositions() throws {
        let query = try ADQLParser.parse("SELECT TOP 3 l.teff AS t\nFROM slam.labels AS l\nWHERE l.teff > 4000 ORDER BY t DESC OFFSET 2")
        guard case let .select(select) = query.body else { Issue.record("not a select"); return }
        #expect(select.top == 3)
        #expect(query.offset == 2)
        #expect(query.orderBy.count == 1 && query.orderBy[0].descending)
        guard case let .expression(expression, alias) = select.items[0] else { Issue.record("not an expression"); return }
        #expect(alias?.name == "t")
        #expect(expression.position == ADQLPosition(line: 1, column: 14, offset: 13))
        guard case let .column(qualifier, name) = expression.kind else { Issue.record("not a column"); return }
        #expect(qualifier.map(\.name) == ["l"])
        #expect(name.name == "teff" && !name.delimited)
        guard case let .table(schema, table, tableAlias, position) = select.from[0] else { Issue.record("not a table"); return }
        #expect(schema?.name == "slam" && table.name == "labels" && tableAlias?.name == "l")
        #expect(position == ADQLPosition(line: 2, column: 6, offset: 30))
        guard case let .comparison(op, _, right)? = select.whereClause?.kind else { Issue.record("no comparison"); return }
        #expect(op == ">")
        #expect(right.kind == .integer(4000))
    }

    @Test func keywordsAreCaseInsensitiveAndNumbersParsed() throws {
        let upper = try ADQLParser.parse("SELECT TOP 1 teff FROM labels WHERE teff > 1.5E3")
        let lower = try ADQLParser.parse("select top 1 teff from labels where teff > 1.5e3")
        guard case let .select(a) = upper.body, case let .select(b) = lower.body else { Issue.record("not selects"); return }
        #expect(a.top == b.top)
        guard case let .comparison(_, _, x)? = a.whereClause?.kind, case let .comparison(_, _, y)? = b.whereClause?.kind else {
            Issue.record("no comparisons"); return
        }
        #expect(x.kind == .real(1500) && y.kind == .real(1500))
        let hex = try ADQLParser.parse("SELECT 0xFF, -7, 'it''s' FROM t")
        guard case let .select(h) = hex.body else { Issue.record("not a select"); return }
        let kinds = h.items.compactMap { item -> ADQLExpression.Kind? in
            if case let .expression(e, _) = item { return e.kind }
            return nil
        }
        #expect(kinds == [.integer(255), .integer(-7), .string("it's")])
    }

    @Test func delimitedIdentifiersKeepCaseQuotesAndReservedWords() throws {
        let query = try ADQLParser.parse("SELECT \"Select\", \"a\"\"b\" FROM \"My Table\"")
        guard case let .select(select) = query.body else { Issue.record("not a select"); return }
        guard case let .expression(first, _) = select.items[0], case let .column(_, name) = first.kind,
              case let .expression(second, _) = select.items[1], case let .column(_, quoted) = second.kind else {
            Issue.record("not columns"); return
        }
        #expect(name == ADQLIdentifier(name: "Select", delimited: true, position: ADQLPosition(line: 1, column: 8, offset: 7)))
        #expect(quoted.name == "a\"b")
        #expect(name.matches("Select") && !name.matches("select"))
        #expect(ADQLIdentifier(name: "TEFF", delimited: false, position: name.position).matches("teff"))
        guard case let .table(_, table, _, _) = select.from[0] else { Issue.record("not a table"); return }
        #expect(table.name == "My Table" && table.delimited)
    }

    @Test func commentsAreSkippedButNotInsideStrings() throws {
        let query = try ADQLParser.parse("-- leading comment\nSELECT '-- not a comment' -- trailing\nFROM t -- end")
        guard case let .select(select) = query.body, case let .expression(e, _) = select.items[0] else {
            Issue.record("not a select"); return
        }
        #expect(e.kind == .string("-- not a comment"))
        #expect(e.position == ADQLPosition(line: 2, column: 8, offset: 26))
    }

    @Test func reservedWordsAsIdentifiersAreErrorsNamingTheWord() {
        #expect(throws: ADQLError("'select' is a reserved ADQL word and cannot be an unquoted identifier (write it in double quotes)",
                                  at: ADQLPosition(line: 3, column: 20, offset: 40))) {
            try ADQLParser.parse("SELECT *\nFROM labels\nWHERE teff > 1 AND select = 1")
        }
        #expect(throws: ADQLError("'size' is a reserved ADQL word and cannot be an unquoted identifier (write it in double quotes)",
                                  at: ADQLPosition(line: 1, column: 8, offset: 7))) {
            try ADQLParser.parse("SELECT size FROM t")
        }
        #expect(throws: ADQLError("'distance' is a reserved ADQL word and cannot be an unquoted identifier (write it in double quotes)",
                                  at: ADQLPosition(line: 1, column: 20, offset: 19))) {
            try ADQLParser.parse("SELECT x FROM t AS distance")
        }
    }

    @Test func syntaxErrorsPointAtTheOffendingToken() {
        let cases: [(String, String, Int, Int)] = [
            ("SELECT a FROM", "expected a table name but found the end of the query", 1, 14),
            ("SELECT a,\n  FROM t", "'FROM' is a reserved ADQL word and cannot be an unquoted identifier (write it in double quotes)", 2, 3),
            ("SELECT a FROM t WHERE a = 'open", "unterminated string", 1, 27),
            ("SELECT a FROM t WHERE a ~ 1", "unexpected character '~'", 1, 25),
            ("SELECT TOP x a FROM t", "expected a row count after TOP but found 'x'", 1, 12),
            ("SELECT a FROM t WHERE a NOT 3", "expected BETWEEN, LIKE, ILIKE or IN after NOT but found '3'", 1, 29),
            ("SELECT a FROM t extra stuff", "unexpected 'stuff' after the end of the query", 1, 23),
            ("SELECT a FROM (SELECT b FROM t)", "a subquery in FROM needs an alias", 1, 32),
            ("SELECT CAST(a AS POINT) FROM t", "CAST to POINT is not supported (geometry values are not served)", 1, 18),
            ("SELECT 12abc FROM t", "malformed number '12a'", 1, 8),
            ("SELECT a FROM t\n\n   WHERE a > 1e999", "number '1e999' is out of range", 3, 14),
            ("SELECT \"\" FROM t", "empty delimited identifier", 1, 8),
        ]
        for (text, message, line, column) in cases {
            do {
                _ = try ADQLParser.parse(text)
                Issue.record("\(text) parsed")
            } catch {
                #expect(error.message == message, "\(text)")
                #expect(error.position?.line == line && error.position?.column == column, "\(text): \(error)")
            }
        }
    }

    @Test func errorDescriptionNamesLineAndColumn() {
        let error = ADQLError("no column 'x' in slam.labels", at: ADQLPosition(line: 2, column: 5, offset: 20))
        #expect(error.description == "line 2, column 5: no column 'x' in slam.labels")
        #expect(ADQLError("m", at: nil).description == "m")
    }

    @Test func columnsCountCharactersNotBytes() {
        #expect(throws: ADQLError("unexpected character '~'", at: ADQLPosition(line: 1, column: 26, offset: 25))) {
            try ADQLParser.parse("SELECT 'éé' FROM t WHERE ~")
        }
    }

    @Test func setOperatorsBindIntersectTighterThanUnion() throws {
        let query = try ADQLParser.parse("SELECT a FROM t UNION SELECT b FROM t INTERSECT SELECT c FROM t")
        guard case let .setOperation(op, all, _, right, _) = query.body else { Issue.record("not a set operation"); return }
        #expect(op == .union && !all)
        guard case let .setOperation(inner, _, _, _, _) = right else { Issue.record("right is not INTERSECT"); return }
        #expect(inner == .intersect)
    }

    @Test func aLongRealisticQueryParses() throws {
        let text = """
            -- Giants near the Galactic anticentre with an APOGEE counterpart, by logg bin
            SELECT TOP 100
                   FLOOR(l.logg * 2) / 2 AS logg_bin,
                   COUNT(*) AS n,
                   AVG(l.teff - a.teff) AS mean_dteff,
                   MAX(DISTANCE(POINT('ICRS', l.ra, l.dec), POINT('ICRS', a.ra, a.dec)) * 3600) AS max_sep_arcsec
            FROM slam.labels AS l
                 JOIN slam.apogee AS a
                   ON 1 = CONTAINS(POINT('ICRS', a.ra, a.dec), CIRCLE('ICRS', l.ra, l.dec, 3.0 / 3600))
            WHERE CONTAINS(POINT('ICRS', l.ra, l.dec), CIRCLE('ICRS', 86.4, 28.9, 10)) = 1
              AND l.logg < 3.5 AND l.teff BETWEEN 4000 AND 5500
              AND a.apogee_id NOT LIKE '%bad%'
            GROUP BY FLOOR(l.logg * 2) / 2
            HAVING COUNT(*) >= 5
            ORDER BY logg_bin
            """
        let query = try ADQLParser.parse(text)
        guard case let .select(select) = query.body else { Issue.record("not a select"); return }
        #expect(select.items.count == 4)
        #expect(select.groupBy.count == 1)
        #expect(query.position == ADQLPosition(line: 2, column: 1, offset: 79))
    }
}
