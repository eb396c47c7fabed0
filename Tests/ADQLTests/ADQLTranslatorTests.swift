import ADQL
import Testing

/// The translator's output, rendered as the caller renders it (identifiers quoted, strings as $n).
@Suite struct ADQLTranslatorTests {
    @Test func aConeSearchBecomesTheIndexableQ3CJoinWithTheCentreFirst() throws {
        let made = try translation("SELECT TOP 5 obsid, teff FROM slam.labels WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10.5, 20, 0.1)) ORDER BY teff DESC",
                                   maxRows: 100)
        #expect(rendered(made.fragments).text == #"SELECT "t1"."obsid" AS "obsid", "t1"."teff_k" AS "teff" FROM "public"."labels_current" AS "t1" WHERE q3c_join(10.5, 20, "t1"."ra", "t1"."dec", 0.1) ORDER BY 2 DESC LIMIT 5"#)
        #expect(made.limit == 5)
        #expect(made.columns.map(\.name) == ["obsid", "teff"])
    }

    @Test func aCrossmatchJoinPutsThePointsTableLastForItsIndex() throws {
        #expect(try translate("SELECT l.obsid, a.apogee_id FROM slam.labels AS l JOIN slam.apogee AS a ON 1 = CONTAINS(POINT(a.ra, a.dec), CIRCLE(l.ra, l.dec, 0.001))", maxRows: 100)
                == #"SELECT "t1"."obsid" AS "obsid", "t2"."apogee_id" AS "apogee_id" FROM ("public"."labels_current" AS "t1" INNER JOIN "public"."apogee_star" AS "t2" ON q3c_join("t1"."ra", "t1"."dec", "t2"."ra", "t2"."dec", 0.001)) LIMIT 101"#)
    }

    @Test func polygonsAndDistancesUseQ3C() throws {
        #expect(try translate("SELECT obsid FROM slam.labels WHERE CONTAINS(POINT(ra, dec), POLYGON(10, 20, 11, 20, 11, 21)) = 1")
                .contains(#"WHERE q3c_poly_query("t1"."ra", "t1"."dec", ARRAY[10, 20, 11, 20, 11, 21]::double precision[])"#))
        #expect(try translate("SELECT obsid, DISTANCE(POINT(ra, dec), POINT(10, 20)) AS d FROM slam.labels WHERE DISTANCE(POINT(ra, dec), POINT(10, 20)) < 0.5")
                .hasPrefix(#"SELECT "t1"."obsid" AS "obsid", q3c_dist("t1"."ra", "t1"."dec", 10, 20) AS "d" FROM "public"."labels_current" AS "t1" WHERE q3c_join(10, 20, "t1"."ra", "t1"."dec", 0.5)"#))
    }

    @Test func predicatesSubqueriesAndSetOperatorsTranslate() throws {
        #expect(try translate("SELECT obsid FROM slam.labels WHERE teff > 4000 AND logg BETWEEN 1 AND 3 AND obsid IN (SELECT obsid FROM slam.labels WHERE logg < 2)", maxRows: 100)
                == #"SELECT "t1"."obsid" AS "obsid" FROM "public"."labels_current" AS "t1" WHERE ((("t1"."teff_k" > 4000) AND ("t1"."logg" BETWEEN 1 AND 3)) AND ("t1"."obsid" IN (SELECT "t2"."obsid" AS "obsid" FROM "public"."labels_current" AS "t2" WHERE ("t2"."logg" < 2)))) LIMIT 101"#)
        #expect(try translate("SELECT obsid FROM slam.labels UNION SELECT obsid FROM slam.labels", maxRows: 100)
                == #"((SELECT "t1"."obsid" AS "obsid" FROM "public"."labels_current" AS "t1") UNION (SELECT "t2"."obsid" AS "obsid" FROM "public"."labels_current" AS "t2")) LIMIT 101"#)
        #expect(try translation("SELECT COUNT(*) AS n, AVG(teff) FROM slam.labels GROUP BY logg HAVING COUNT(*) > 1").columns.map(\.name) == ["n", "avg"])
    }

    @Test func starIsExpandedAndStringsAreBoundNeverPasted() throws {
        let made = try translation("SELECT * FROM slam.labels WHERE obsid = 'x''; DROP TABLE t; --'", schema: ADQLTestSchema.plain, maxRows: 100)
        let sql = rendered(made.fragments)
        #expect(sql.text == #"SELECT "t1"."obsid" AS "obsid", "t1"."teff_k" AS "teff" FROM "labels_current" AS "t1" WHERE ("t1"."obsid" = $1::text) LIMIT 101"#)
        #expect(sql.strings == ["x'; DROP TABLE t; --"])
        #expect(made.columns.map(\.name) == ["obsid", "teff"])
        #expect(made.limit == 100)
    }

    @Test(arguments: [("is_current = 1", "TRUE"), ("0 = is_current", "FALSE"), ("is_current <> 'True'", "TRUE"), ("is_current = 'f'", "FALSE")])
    func aBooleanColumnComparesWithOneAndZeroOrTheDALITexts(condition: String, literal: String) throws {
        let sql = try translate("SELECT obsid FROM slam.labels WHERE \(condition)")
        #expect(sql.contains(literal) && !sql.contains("$1"), "\(sql)")
    }

    @Test func aBooleanColumnRefusesOtherLiteralsAndOrderings() {
        #expect(failure("SELECT obsid FROM slam.labels WHERE is_current = 2")?.description
                == "line 1, column 50: a boolean column compares with 1 or 0 ('true' or 'false')")
        #expect(failure("SELECT obsid FROM slam.labels WHERE is_current < 1")?.description
                == "line 1, column 50: a boolean column can only be compared with = or <> (not <)")
    }

    @Test func whatCannotBeServedIsRefusedWithItsPosition() {
        #expect(failure("SELECT pg_sleep(10) FROM slam.labels")?.description == "line 1, column 8: function 'pg_sleep' is not in ADQL 2.1")
        #expect(failure("SELECT teff2 FROM slam.labels")?.description == "line 1, column 8: no column 'teff2' in slam.labels")
        #expect(failure("SELECT x FROM nope")?.description == "line 1, column 15: no table 'nope' in the published schema")
        #expect(failure("SELECT pos FROM slam.labels")?.description
                == "line 1, column 8: POINT column 'pos' cannot be used as a value (geometry values are not served; use the table's ra and dec columns)")
    }
}
