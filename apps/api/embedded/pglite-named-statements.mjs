// Named prepared statements for PGlite. PGlite's `query` parses, describes, binds, describes and
// executes every statement afresh, in five calls into WebAssembly: the parse and the plan of the
// long single-statement reads and writes of posting cost more than running them (the same reason
// node-postgres statements are named on PostgreSQL, `@liancun/core` `cacheStatements`). Here a
// text is parsed once under a name; each later call sends Bind, Describe, Execute and Sync as one
// message. Results and errors go through PGlite's own parsers, as in its `query`.
//
// PGlite is one session, so one set of names serves every transaction; prepared statements are
// not transactional (a rollback keeps them). At most MAX texts are named; others run as before.
// Plain JavaScript, like the thread it serves. Relies on PGlite 0.5's `_runExclusiveQuery`,
// `_runExclusiveTransaction`, `execProtocolStream`, `serializers` and `parsers`, which its own
// `query` uses (apps/api/test/threaded-pglite.test.ts holds that).

const MAX = 512

/** `query(text, params, options, inTransaction)` → PGlite's result, or null when not named. */
export function namedStatements(db, { parse, protocol }) {
  const { serialize } = protocol
  /** text → { name, paramTypes } */
  const statements = new Map()

  async function run(message) {
    return db.execProtocolStream(message, { syncToFs: false })
  }

  async function prepared(text) {
    const known = statements.get(text)
    if (known) return known
    if (statements.size >= MAX) return null
    const name = `lc_${statements.size + 1}`
    const described = await run(
      Buffer.concat([
        serialize.parse({ name, text }),
        serialize.describe({ type: 'S', name }),
        serialize.sync(),
      ]),
    )
    const entry = { name, paramTypes: parse.parseDescribeStatementResults(described) }
    statements.set(text, entry)
    return entry
  }

  async function execute(text, params, options) {
    const statement = await prepared(text)
    if (!statement) return null
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null
      const type = statement.paramTypes[i]
      const serializer = options.serializers?.[type] ?? db.serializers[type]
      return serializer ? serializer(value) : value.toString()
    })
    const messages = await run(
      Buffer.concat([
        serialize.bind({ statement: statement.name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ]),
    )
    return parse.parseResults(messages, db.parsers, options)[0]
  }

  return {
    async query(text, params, options, inTransaction) {
      // The locks PGlite's own `query` takes: a statement outside a transaction waits for the open
      // one; inside, statements of the transaction run one at a time.
      if (inTransaction) return db._runExclusiveQuery(() => execute(text, params, options))
      const result = await db._runExclusiveTransaction(() =>
        db._runExclusiveQuery(() => execute(text, params, options)),
      )
      if (result) await db.syncToFs()
      return result
    },
  }
}
