// Every FTS5 index in D1, as SQL that removes it and SQL that makes it again from the tables it
// indexes: `wrangler d1 export` refuses a database with FTS5 tables, so a backup is
// `npm run admin -- search-index drop`, `wrangler d1 export`, `search-index rebuild` (and a restore
// is the import, then `search-index rebuild`). Nothing is lost while the indexes are away: every
// index is made from ordinary tables (the documents, the resolutions, the published articles);
// writes to those go on (their index triggers are dropped with the index) and the rebuild indexes
// them. Searching and publishing articles fail until the rebuild (docs/search.md). The CREATE statements are the migrations' own, word for word (test/workers/search/
// backup.test.ts checks them against migrations/).

/** One FTS5 index: what drops it, what makes it, and what fills it from its source. */
interface FtsIndex {
  name: string;
  drop: string[];
  create: string[];
  fill: string;
}

/** An external-content index over `docs`'s `body` column, with its three triggers (migrations/0013_search.sql). */
function docsIndex(name: string, docs: string): FtsIndex {
  return {
    name,
    drop: [`DROP TRIGGER IF EXISTS \`${docs}_indexed\``, `DROP TRIGGER IF EXISTS \`${docs}_unindexed\``, `DROP TRIGGER IF EXISTS \`${docs}_reindexed\``, `DROP TABLE IF EXISTS \`${name}\``],
    create: [
      `CREATE VIRTUAL TABLE \`${name}\` USING fts5(\`body\`, content = '${docs}', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2');`,
      `CREATE TRIGGER \`${docs}_indexed\` AFTER INSERT ON \`${docs}\` BEGIN
  INSERT INTO \`${name}\` (rowid, \`body\`) VALUES (new.\`id\`, new.\`body\`);
END;`,
      `CREATE TRIGGER \`${docs}_unindexed\` AFTER DELETE ON \`${docs}\` BEGIN
  INSERT INTO \`${name}\` (\`${name}\`, rowid, \`body\`) VALUES ('delete', old.\`id\`, old.\`body\`);
END;`,
      `CREATE TRIGGER \`${docs}_reindexed\` AFTER UPDATE OF \`body\` ON \`${docs}\` BEGIN
  INSERT INTO \`${name}\` (\`${name}\`, rowid, \`body\`) VALUES ('delete', old.\`id\`, old.\`body\`);
  INSERT INTO \`${name}\` (rowid, \`body\`) VALUES (new.\`id\`, new.\`body\`);
END;`,
    ],
    fill: `INSERT INTO \`${name}\` (\`${name}\`) VALUES ('rebuild')`,
  };
}

export const FTS_INDEXES: readonly FtsIndex[] = [
  {
    name: 'kb_search',
    drop: ['DROP TABLE IF EXISTS `kb_search`'],
    create: ["CREATE VIRTUAL TABLE `kb_search` USING fts5(`article_id` UNINDEXED, `title`, `body`, tokenize = 'porter unicode61');"],
    fill: "INSERT INTO `kb_search` (`article_id`, `title`, `body`) SELECT `id`, `title`, `body` FROM `kb_articles` WHERE `status` = 'published'",
  },
  {
    name: 'resolution_search',
    drop: ['DROP TRIGGER IF EXISTS `resolutions_indexed`', 'DROP TRIGGER IF EXISTS `resolutions_unindexed`', 'DROP TRIGGER IF EXISTS `resolutions_reindexed`', 'DROP TABLE IF EXISTS `resolution_search`'],
    create: [
      "CREATE VIRTUAL TABLE `resolution_search` USING fts5(`source` UNINDEXED, `source_id` UNINDEXED, `entry_id` UNINDEXED, `group_id` UNINDEXED, `text`, content = 'resolutions', content_rowid = 'id', tokenize = 'porter unicode61');",
      `CREATE TRIGGER \`resolutions_indexed\` AFTER INSERT ON \`resolutions\` BEGIN
  INSERT INTO \`resolution_search\` (rowid, \`text\`) VALUES (new.\`id\`, new.\`text\`);
END;`,
      `CREATE TRIGGER \`resolutions_unindexed\` AFTER DELETE ON \`resolutions\` BEGIN
  INSERT INTO \`resolution_search\` (\`resolution_search\`, rowid, \`text\`) VALUES ('delete', old.\`id\`, old.\`text\`);
END;`,
      `CREATE TRIGGER \`resolutions_reindexed\` AFTER UPDATE OF \`text\` ON \`resolutions\` BEGIN
  INSERT INTO \`resolution_search\` (\`resolution_search\`, rowid, \`text\`) VALUES ('delete', old.\`id\`, old.\`text\`);
  INSERT INTO \`resolution_search\` (rowid, \`text\`) VALUES (new.\`id\`, new.\`text\`);
END;`,
    ],
    fill: "INSERT INTO `resolution_search` (`resolution_search`) VALUES ('rebuild')",
  },
  docsIndex('search_text', 'search_docs'),
  docsIndex('search_staff', 'search_staff_docs'),
];

/** Removes every FTS5 index (and the triggers that write to them): the database can be exported. */
export const DROP_FTS: readonly string[] = FTS_INDEXES.flatMap((i) => i.drop);

/** Makes every FTS5 index again and fills it from its tables (after `DROP_FTS`, or after a restore). */
export const REBUILD_FTS: readonly string[] = [...DROP_FTS, ...FTS_INDEXES.flatMap((i) => [...i.create, i.fill])];
