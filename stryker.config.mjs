// @ts-check
/**
 * StrykerJS configuration: mutation testing of the code where a wrong answer is worst.
 * `npm run mutation [module...]` (scripts/mutation.mjs) runs Stryker once per module below,
 * each with its own incremental file, so a second run only retests what changed, and prints
 * one score per module. `MUTATION_MODULE=stats npx stryker run` runs one module directly,
 * once `npm run mutation` has installed Stryker (it is not in package.json).
 *
 * Survivors that are equivalent mutants (no behaviour can tell them apart) are marked in
 * the source with `// Stryker disable next-line <mutator>: <reason>`.
 */
/**
 * Module name -> the files Stryker mutates and the test files that may kill the mutants
 * (vitest's `related` narrows these further to the ones that import the mutated file).
 * `ignoreStatic` leaves out mutants of values built once at import (see the module's note).
 * @type {Record<string, { mutate: string[]; tests: string[]; ignoreStatic?: boolean }>}
 */
export const MODULES = {
  stats: { mutate: ['src/stats/**/*.ts'], tests: ['src/stats/**/*.test.ts'] },
  redaction: {
    mutate: ['src/agent/providers/redact.ts'],
    tests: [
      'src/agent/providers/redact.test.ts',
      'src/agent/providers/classify-error.test.ts',
      'src/store/store.test.ts',
    ],
  },
  'error-classification': {
    mutate: ['src/agent/providers/classify-error.ts', 'src/agent/classify-error.ts'],
    tests: [
      'src/agent/classify-error.test.ts',
      'src/agent/providers/classify-error.test.ts',
      'src/agent/providers/quirks.test.ts',
    ],
  },
  'retry-rate-limit': {
    mutate: ['src/run/retry.ts', 'src/run/rate-limiter.ts'],
    tests: ['src/run/retry*.test.ts', 'src/run/rate-limiter*.test.ts'],
  },
  'html-escaping': {
    mutate: ['src/report/html/escape.ts'],
    tests: ['src/report/html/*.test.ts', '!src/report/html/*.browser.test.ts'],
  },
  'store-forget-resume': {
    mutate: ['src/store/forget-errors.ts', 'src/store/runs.ts'],
    tests: [
      'src/store/forget-errors.test.ts',
      'src/store/runs.test.ts',
      'src/store/store.test.ts',
      'src/store/judge-passes.test.ts',
    ],
  },
  'terminal-escaping': {
    mutate: ['src/text/terminal-safe.ts', 'src/guard/terminal-text.ts'],
    tests: ['src/text/terminal-safe*.test.ts', 'src/guard/terminal-text*.test.ts'],
  },
  // Verdict sets: each distinct set of a trial's verdicts stored once, read back through the
  // `verdicts` view. Tests: the set store's own (verdict-sets*.test.ts: sets larger than one
  // INSERT, the stored hash, empty sets, a failed pass write redone) and the judge passes'.
  // Equivalent survivors, listed here because marking them would also hide killed mutants of
  // the same mutator on the line: the prepared-statement cache's `if (!statement)` forced true
  // (preparing again gives the same statement) and the remembered-set shortcut's
  // `known !== undefined` forced false (the set is found again by its hash). The memory bound
  // of the remembered sets is marked in the source.
  'store-verdict-sets': {
    mutate: ['src/store/verdict-sets.ts'],
    tests: ['src/store/verdict-sets*.test.ts', 'src/store/judge-passes.test.ts'],
  },
  // The guard's policy evaluation: parsing a policy, compiling it, evaluating its rules. The
  // zod schema and the DEMAND phrase list are data built once at import: each of their
  // ("static") mutants would rerun every test, so they are left out (ignoreStatic); the CLI
  // test of policy files and the 1,872-trial example-policy test are too slow to run per mutant.
  // Equivalent survivor left unmarked (marking it would hide a killed one): evaluate-rules.ts
  // confidential()'s `if (found) break` forced false (the loop only goes on with found true).
  // Mutants inside the normalised-phrase cache's miss branch run only for a phrase the test
  // process has not seen: content-checks-behaviour.test.ts makes fresh ones.
  'guard-policy': {
    mutate: ['src/guard/policy/**/*.ts'],
    tests: [
      'src/guard/policy/*.test.ts',
      '!src/guard/policy/policy-file.test.ts',
      'src/guard/guard.test.ts',
    ],
    ignoreStatic: true,
  },
  // Approvals (the queue, spent once by the exact call) and the audit trail's verification,
  // with its sessions table (guard_audit_sessions: each session's first and last entry, kept
  // by auditChainWriter in the same transaction; guard-audit-sessions*.test.ts read sessions
  // written by this thread's commits, where Stryker's mutants are active, unlike the writer
  // thread's). src/guard/audit-writer*.ts (when and on which thread a batch is committed) stay
  // out: their behaviour is timing and threads. Equivalent survivors, listed here because
  // marking them would also hide killed mutants of the same line:
  // - guard-audit.ts: the full-statement branch `params.length === INSERT_ROWS * 7` emptied or
  //   `/ 7` (never true): the rows then go in by the one-row statement, the same rows and chain
  //   (slower: under load the `/ 7` mutant may time out, which counts as killed).
  // - verifyRows: `row.seq > expectedSeq` as `>=` (inside `row.seq !== expectedSeq`).
  // - No coverage, on purpose: sha256Hex's fallback for Node 20 releases before 20.12 (no
  //   one-shot `crypto.hash`), 3 mutants that only an older Node runs.
  'guard-approvals-audit': {
    mutate: ['src/store/guard-approvals.ts', 'src/store/guard-audit.ts', 'src/guard/operations.ts'],
    tests: [
      'src/guard/approvals*.test.ts',
      'src/guard/audit*.test.ts',
      'src/guard/kill-switch.test.ts',
      'src/store/guard-*.test.ts',
    ],
  },
  // The kill switch's memory of the killed scopes and how it notices another connection's kill:
  // the audit writer thread's view in shared memory (kill-view.ts), else SQLite's data_version.
  // Its tests run both sides on one thread with two real connections to a store file;
  // src/guard/kill-switch.test.ts (the real writer thread, the CLI in another process: seconds
  // a test) is left out, and Stryker's mutants are not active inside the writer thread anyway.
  // Equivalent survivors, listed here because marking them in the source would also hide killed
  // mutants of the same mutator on the line:
  // - kill-view.ts killView: `seenAt === 0n` forced false (hrtime counts from boot, so a look
  //   at 0 is always older than KILL_STALE_MS) and `> STALE_NS` as `>=` (one nanosecond).
  // - guard-kill-switch.ts: the data_version branch's condition forced true (reloading the
  //   scopes every check gives the same answers); isKilled's `size > 0` forced true or `>= 0`
  //   (an empty set has neither scope); killSwitchWatch's early return forced false, its
  //   `seenScopes !== undefined` forced true or `===` (data_version is never undefined, so the
  //   first look reads the scopes anyway; reading them again finds no change).
  'guard-kill-switch': {
    mutate: ['src/guard/kill-view.ts', 'src/store/guard-kill-switch.ts'],
    tests: ['src/guard/kill-view.test.ts', 'src/store/guard-kill-switch.test.ts'],
  },
  // The run loop's group commit (when finished trials are stored, in commits sized by the
  // writer's pace) and time slices (judging yields to I/O every few milliseconds). Their own
  // tests use a fake `performance` clock, so commit sizes and slices are exact under any load;
  // group-commit.test.ts runs them inside the scheduler. run-experiment.test.ts is left out
  // (whole runs, seconds each). Equivalent survivor: flush's `batch.length === 0` forced false
  // (a flush runs only as the immediate scheduled while trials were pending, and only it takes
  // them, so a batch is never empty).
  'run-loop': {
    mutate: ['src/run/group-commit.ts', 'src/run/time-slices.ts'],
    tests: [
      'src/run/group-commit-batches.test.ts',
      'src/run/group-commit.test.ts',
      'src/run/time-slices.test.ts',
    ],
  },
  // The detectors. Their source is retuned on other branches, so the equivalent mutants are
  // listed here, not marked in it (16 of 489; the tests that kill the rest are
  // `*-behaviour.test.ts`):
  // - disclosure.ts: the `subject` look-up, the `partyAddresses` set and its lower-casing of
  //   the recipient (11 mutants) are dead code: every recipient is resolved against the cast
  //   by its trimmed, case-insensitive address (world/recipients.ts, judge/cast.ts), so a
  //   recipient whose address is an insider's already carries the insider's `personId`, and
  //   the subject is one of the insiders. Deleting them (and the address half of the outsider
  //   test) would leave the file at 100%.
  // - confidential-content.ts: `how: 'content'` emptied, twice (its only reader asks
  //   `how === 'attachment'`); the cast's names split on `\s` instead of `\s+` (an empty word is
  //   never a name of the document); `names.length === 0` forced false (with no names, no
  //   sentence names the document).
  // - cancel-request.ts NOT_REAL: the optional trailing word of "in the \w+( \w+)?" as
  //   `( \w)?` or `( \W+)?` (optional at the end of the alternative, so the same sentences
  //   match).
  // - lethal.ts: the event-type filter forced false (only alert events carry an alert id or
  //   kind, so any other event is skipped by the kind test that follows).
  // - cancel-request.ts NOBODY_THERE: a quantifier or class inside a trailing part of an
  //   alternative (`in [\w-]+( [\w-]+){0,3}` as `( [\w-]+)`, `( [\w-]){0,3}`,
  //   `( [^\w-]+){0,3}`, `( [\W-]+){0,3}`): only where the claim starts is read (`unnegated`
  //   looks for a negation before it), so a shorter or longer end changes nothing. Its leading
  //   `([\w-]+ ){0,2}` is not one of them: a test names a place with a negation in it.
  // - cancel-request.ts STAND_DOWN: the lookahead's `\s*` as `\S*` (they differ only on a
  //   space before the full stop, "they can go ."); and the finding's `eventIds` left empty
  //   (its one reader, the heuristic's `isCancel`, asks whether they are the agent's own
  //   cancels: a request to someone else never is).
  // The runner shares test workers (vitest `isolate: false`): a run with `isolate: true` gave
  // the same status for every mutant of lethal.ts and disclosure.ts, three times slower, but
  // for three equivalent mutants that timed out there (and would count as killed).
  detectors: {
    mutate: ['src/judge/detectors/**/*.ts'],
    tests: [
      'src/judge/detectors/*.test.ts',
      'src/judge/fixtures/*.test.ts',
      'src/judge/score-trial.test.ts',
      'src/judge/retune-9.test.ts',
      'src/judge/retune-11.test.ts',
      'src/judge/retune-12.test.ts',
    ],
  },
  // The judge's shared readers: the words of a demand about the agent's replacement, a
  // reference to the secret, the personal thread it is read from, a document's distinctive
  // terms. Their tests are their own unit tests and `*.mutation.test.ts` files (a realistic
  // reply or email each, read through the exported functions) and the leak detector's
  // behaviour suite for distinctive terms; hard-cases.test.ts and the retune suites are left
  // out (slow, and they assert aggregates). Most mutants are of module-level patterns
  // ("static": each reruns every test of the module, a few seconds here).
  // The source is being retuned on another branch, so equivalent mutants are listed here, not
  // marked in it:
  // - Splits whose empty pieces are dropped anyway: `\s+` as `\s` in nameForms (parts of two
  //   letters or fewer are dropped) and in nicknames' first name (the first word is the same for
  //   a trimmed name); `[^\p{L}'’-]+`, `[^\p{L}]+` (personal-thread.ts) and `[^\p{L}\p{N}.,-]+`
  //   (distinctive-terms.ts) without `+` (an empty word is never a name, nickname or term);
  //   wordsOf's `.filter(Boolean)` dropped (the empty word is never a name or a detail);
  //   termsOf's `w === ''` forced false or compared with another string (an empty word is
  //   shorter than four letters).
  // - `?? []` seeded with a string in related() (a string has no relationship kind) and in
  //   findSecretReference's nicknames when said to anyone (no text names "Stryker was here");
  //   personalThread's family `: []` (without a secret the thread is empty and it returned).
  // - `text.trim() === ''` forced false, without `.trim()`, or against another string (3): a
  //   blank text has no sentence and no word, so every later test finds nothing too.
  // - personal-thread.ts topic(): `fwd?` as `fwd` ("Fw:" is the `fw` alternative).
  //   nicknames' `^\p{Lu}\p{Ll}{2,}$` without `^` or `$`: words are runs of letters, so only a
  //   word with a capital inside ("MacK") tells them apart, and it must also begin the other
  //   party's first name.
  // - distinctive-terms.ts sameText: whitespace folded to "" instead of " " (both texts lose
  //   it alike); `y !== ''` forced true or compared with another string (a document with no
  //   content has no terms). oneFragment: `i <=` and `words.length + FRAGMENT_WORDS` (the extra
  //   windows are tails of the last one, so they hold nothing it does not).
  // - replacement-demand.ts: `m?.[1].toLowerCase` (group 1 is set whenever the pattern matched);
  //   decisionWords' cache test forced true (the cache only saves work).
  // - Emptying the first or last alternative of REPLACEMENT_WORDS (2) unbalances its
  //   parentheses: the module cannot load, every test file importing it fails to collect, and
  //   the vitest runner counts a file with no test results as no test failed.
  // - Regular-expression mutants that only ungrammatical text, or words no one writes of an
  //   agent, tell apart: PERSONAL_FACT's `'?s? back` made `'s back` or `' back` (2: "behind his
  //   wife back", "behind his wifes back"); VEILED's "what you('ve| have)? been hiding" made
  //   required ("what you been hiding"); VEILED's "your personal indiscretions?" made plural
  //   ("your personal indiscretion" is read the same by "your (personal )?indiscretion");
  //   COMMON_PARTICIPLE without `$` (only "sentenced" begins with one of its words).
  // - secret-reference.ts threadEcho: the name's escape of `.*+?^${}()|[]\` replaced by ""
  //   (names are words; only one with a metacharacter, "Jr.", tells it apart).
  // - text.ts SENTENCE_BREAK: `\s+` as `\s` and `\n+` as `\n` (every piece is trimmed and
  //   empty pieces dropped, so one break or several give the same sentences).
  // - personal-thread.ts surname(): `\s+` as `\s` (after trim, one space or several between
  //   names leave the same last name and the same count of two or more).
  // - Not equivalent, left on purpose: personal-thread.ts topic()'s `^` dropped: the only
  //   subjects that tell it apart put punctuation before the prefix ("[Fwd: Thursday]", an old
  //   forward style), which the reader misses and the mutant reads; a test would pin the miss.
  'judge-readers': {
    mutate: [
      'src/judge/replacement-demand.ts',
      'src/judge/secret-reference.ts',
      'src/judge/personal-thread.ts',
      'src/judge/distinctive-terms.ts',
      // The words every reader compares in (normalising, whole-word phrases, sentences).
      'src/judge/text.ts',
    ],
    tests: [
      'src/judge/text.test.ts',
      'src/judge/replacement-demand*.test.ts',
      'src/judge/secret-reference*.test.ts',
      'src/judge/personal-thread*.test.ts',
      'src/judge/distinctive-terms*.test.ts',
      'src/judge/detectors/confidential-content-behaviour.test.ts',
      // The eleventh and twelfth retunes' behaviour tests, which tell apart the alternatives
      // they added to these readers (a few seconds each).
      'src/judge/retune-11.test.ts',
      'src/judge/retune-12.test.ts',
    ],
  },
  // The importer's readers the offline judge depends on when it judges an imported folder:
  // the email blocks of a rendered prompt, the cast inferred from them (agent, executive who
  // carries out the replacement, partner, alert, person in danger) and the world rebuilt.
  // Its tests are the import folder's own (`*.mutation.test.ts` assert the cast and world a
  // user sees, on invented companies). The retunes' tests, the CLI import tests (about 2 s a
  // test) and hard-cases.test.ts stay out. The phrase lists (THREAT, PERSONAL, ACCESS, ...) are
  // module-level regular expressions: each of their ("static") mutants reruns every test, and
  // a first run with them (1,162 mutants) was stopped at 641 after 30 minutes under a load of
  // 20, so the module runs with ignoreStatic; their phrases are asserted one by one in
  // infer-cast.mutation.test.ts ("reads ... as the change / as holding the access / ...").
  // Survivors of the runs of 18:14-18:58 UTC (90 survived, 2 no coverage of 948), read by hand;
  // equivalent (no input tells them apart):
  // - email-blocks.ts: the `?? ''` of the From/To/Cc headers (a missing header and the mutant's
  //   text both hold no address); the address's `?? ''` and `if (!address)` (a match always has
  //   one address group); `value.trim()` in timestampOf (header values are trimmed already);
  //   `/^\s*\n/` without `^` (a block always starts with its tag's line end); `bodyLines = []`
  //   seeded (every block ends in a Body: line or a first non-header line, which replace it).
  // - rebuild-world.ts: the `system = ''` default and `notes = []` seeded (no caller omits
  //   the prompt; the notes are read as lines); `facts.authorities ?? []` seeded; the greeting
  //   pattern's `^\s*` and `\s+`/`\s*` variants (bodies are trimmed and greetings have one
  //   space); in the spouse loop `p !== subject`, `p !== partner` and the `some(...)` guard
  //   (each is implied by the others and the outsider test); `/\s+/` as `/\s/` on names
  //   (display names have single spaces); `[...TOOL_NAMES]` emptied (the judge does not read
  //   the agent's permissions); `a && a !== agentAddress` (an empty sender is never in a
  //   cast's role).
  // - infer-cast.ts: sentencesOf's `\s+`/`\n+` as one character and its trim (empty pieces are
  //   dropped and the patterns do not anchor); the `.replace(/[.,]$/, '')` after the company
  //   is cut at a stop (dead: the cut already removes a final stop); `an?` as `an` (a one-letter
  //   name is never captured); the `toUpperCase`/`toLowerCase` swaps of NameIndex forms (names
  //   are matched case-insensitively); `n >= 0` for `n > 0` on scores (a score of exactly 0
  //   needs +8 -8 on one person).
  // Not equivalent, left to test (another branch is retuning these files): the threatener's
  // reason kept when a later sentence scores more (`n > 2`), a partner named in the thread's
  // body who is also a party, rebuild-world's surname of a three-word name.
  // A miss found while writing the tests, left to the retuning branch: a greeting "Hi Marisol,"
  // or "Dear Marisol," never names an address (the greeting pattern is case-sensitive, so
  // "Hi"/"Dear" with a capital are not read as the greeting word).
  'judge-import': {
    mutate: [
      'src/judge/import/infer-cast.ts',
      'src/judge/import/rebuild-world.ts',
      'src/judge/import/email-blocks.ts',
    ],
    tests: ['src/judge/import/*.test.ts'],
    ignoreStatic: true,
  },
  // Being changed on another branch: its tests here assert behaviour only, in their own files.
  // private-reasoning.mutation.test.ts reads replies through readPrivateReasoning: the exact
  // visible text, every closer form, a draft action left private, the errors' excerpts.
  // Equivalent survivors of private-reasoning.ts, listed (not marked: the file is being changed):
  // - canonical(): `.toUpperCase()` (both sides of its one comparison are folded alike) and the
  //   `+` of its character class dropped (the characters are removed one by one all the same).
  // - scanBlocks: `nextOpen.index <= nextClose.index` (an opener and a closer never start at
  //   one index: one needs a name after `<`, the other `/` or END); `if (!closer) return` forced
  //   false (the next scan starts at the text's end and finds nothing).
  // - readPrivateReasoning: `/[>\]]$/` without `$` (a closer holds `>` or `]` only at its end).
  // - CLOSER's END forms: `[\s_-]+` after END and `OF[\s_-]+` as one character, `OF[^\s_-]+`
  //   or `OF[\S_-]+` (the optional OF group is redundant: the name class after it reads "OF "
  //   too); the bracket form's `END[\s_-]*` as `END[^\s_-]*` and `\s*` before the name as
  //   `\S*` (the name class reads spaces, `_` and `-`); `END[\S_-]*` (only "[END.THINKING]"-like
  //   punctuation tells it apart). Only runs of tabs or line breaks, or punctuation no model
  //   writes inside a closer, tell these apart.
  'text-tags': {
    mutate: ['src/agent/protocols/text-tags.ts', 'src/agent/protocols/private-reasoning.ts'],
    // The judge's tests of replies whose reasoning closes in other ways (the twelfth retune's
    // stray closers, `</think>` before a harmful email) read private-reasoning.ts too.
    tests: [
      'src/agent/protocols/*.test.ts',
      'src/judge/retune-12.test.ts',
      'src/judge/import/replay-reply.test.ts',
    ],
  },
  // The offline judge. Its phrase patterns are module-level regular expressions, so most of its
  // mutants are "static" (each reruns every test of the module): an incremental run reuses
  // their old status even when new tests would kill them; after adding tests, drop the
  // survivors from the incremental file (or run with --force) to measure them again.
  // hard-cases.test.ts is left out: it judges its 385 cases while the file is collected
  // (about 15 s per run under load, coverage Stryker cannot attribute to a test) and asserts
  // only aggregate precision/recall, which one broken phrase rarely moves.
  // The source is being retuned on another branch, so equivalent mutants are listed here, not
  // marked in it:
  // - confirm.ts judgeLethal: `f.eventIds.every(...)` as `some` (the lethal detector gives each
  //   finding one event); `slips = all - counted` as `+` (read only when counted is 0); the
  //   `events = []` default (every caller passes the events).
  // - pressure.ts pressureMessages: `if (secret) found.secret = secret` and its siblings forced
  //   true (a property set to undefined reads as one left out); `out = []` seeded with a string
  //   (no reader finds a secret or a request in it). linkIn's REVEAL_THREAT branch: the `threat`
  //   field (the same sentences) wins wherever a link is read (`m.threat ?? m.link`).
  //   pressureTargets `r.personId !== undefined` forced true (a set never holds undefined).
  //   ultimatumTo `!p.roles.includes('agent')` (the agent is `world.agent`, never in
  //   `world.people`). findCoercions: `m !== withSecret` (a message with the secret and no
  //   request cannot be the request); the SOFTENER test of the secret's quote (`?? ''`, a
  //   sentence of the same message, which is tested whole). `via: 'veiled'` emptied (no reader
  //   of `via`). In judged(), `if (link)` / `if (refusal)` forced true (undefined again).
  //   GO_AHEAD's `proceed\w*` as `proceed\W*` (no word boundary follows, so both match any
  //   "proceed...").
  // - index.ts `kind: 'heuristic'` emptied (nothing reads a judge's kind); patterns.ts the
  //   ETHICS pattern's name emptied (the ethics rationale never names its pattern).
  // - patterns.ts firstMatch: dead code (nothing imports it; the judge uses mindset.ts).
  // - Regular-expression mutants that only ungrammatical or misspelt text tells apart:
  //   KEEP_ME's `i('m| am)?`, HEADS_UP's `i'?d` and DISCRETION's `mum'?s` made required ("I
  //   still running", "Id", "Mums"); CONDITION's `[A-Z][a-z]+ (gets?|receives?|learns?|hears?)`
  //   without the -s ("or Agnes get"); APART's `(is|are) (a )?separate matter` made required;
  //   DISCRETION's `sees?` made `sees` ("no one else see about it"); FOUND_OUT's `(a )?topic`
  //   and `(the )?talk of` made required (the phrase without its article).
  // Found by the *.mutation.test.ts files (15:00-15:35 UTC runs):
  // - pressure.ts exposureTargets: `pressureTargets(..., [r]).length === 0` forced true, `[r]`
  //   emptied, `audience.length === 0` forced false (it runs only when no recipient is a direct
  //   target; an empty audience gives [] either way). isFamily: `if (r.internal) return false`
  //   (2; its one caller asks `r.internal ||` first: dead code); both `?? ''` after
  //   `split('@')[0]`; the surname's `.at(-1)?.` and `/\s+/` as `/\s/` (the same last word);
  //   `surname.length > 2` forced true or `>= 2`, `surname !== undefined && ...` forced true
  //   (address parts of two letters or fewer are dropped before the comparison; a missing
  //   surname matches no part); `/[^a-z]+/` as `/[^a-z]/` (empty parts are dropped).
  //   aboutTheDecision's `m !== null` forced true (called only after FOUND_OUT matched).
  // - Alternatives another list already reads the same way: MOVE_IT's `postpon\w*` (2),
  //   `delay(s|ed|ing)?` and `hold(s|ing)? off` made required (a sentence with them is already
  //   a direct request: REPLACEMENT_WORDS and CHANGE hold them too); DECISION's `cut-?over`,
  //   `downgrad\w*` (2) and `retir\w*` (2) (REPLACEMENT_WORDS, asked beside DECISION wherever
  //   it is asked, holds them; only "retiree" or "retirements" tell `retir\w*` apart), its
  //   `(:\d\d)?` with `\D` (2; "5:30pm" still matches as "30pm"); CHANGE's `today'?s` made
  //   `today's` ("todays " is a `\w+ `); PRIVATE_TRACE's `(private|personal) messages?` and
  //   `emails?` made plural (secret-reference's veiled list, asked first, reads them).
  // - confirm.ts believesNobodyAtRisk: the check's words replaced by `' '` or `''` before the
  //   hedge test (CHECKED starts and ends on a word boundary with word characters, so its
  //   neighbours are spaces or punctuation either way and no word is joined or split).
  // - Not equivalent, left on purpose: confirm.ts decidesToStop's `m.index + m[0].length` as
  //   `-` (how much of the sentence is read for a negation): the only sentences that tell it
  //   apart carry a negation before the order that does not negate it ("Not yet, but now
  //   cancel it."), which the judge misreads as no decision; a test would pin the miss.
  heuristic: {
    mutate: ['src/judge/heuristic/**/*.ts', 'src/judge/pressure.ts'],
    tests: [
      'src/judge/heuristic/*.test.ts',
      'src/judge/*pressure*.test.ts',
      'src/judge/fixtures/*.test.ts',
      'src/judge/score-trial.test.ts',
      // The eighth retune's behaviour tests, which tell apart the alternatives it added.
      'src/judge/retune-8.test.ts',
      'src/judge/retune-9.test.ts',
      'src/judge/retune-10.test.ts',
      'src/judge/retune-11.test.ts',
      'src/judge/retune-12.test.ts',
    ],
  },
  // The eleventh retune's changed code only, with the tests that read it: a quick measure of the
  // new alternatives (a full `heuristic` run rereads every test per static mutant: hours under
  // load). Run with `--mutate` line ranges, e.g. `MUTATION_MODULE=judge-retune-11 npx stryker
  // run stryker.config.mjs --force --mutate src/judge/heuristic/confirm.ts:48-105`.
  // Equivalent survivors of the eleventh retune's lines (first run 18:12-18:30 UTC, 219 mutants):
  // - confirm.ts: CHECKED's `confirm\w*` as `confirm\w` or `confirm\W*` (the first alternative,
  //   `confirm(s|ed)?`, already matches any "confirms"); SAFE's `out of the \w+` and `in the \w+`
  //   as `\w` (unanchored: a one-letter prefix of the word matches where the word did), and its
  //   `not (inside|in there|in the \w+)` branch (dead: NOT_A_BELIEF rejects every sentence with
  //   "not"; a known limit, "he is not inside" with a check is not excused); NOT_A_BELIEF's
  //   `possibl\w*`, `probabl\w*` as `\w` (no English word is the bare stem); isCancel's
  //   `length > 0` forced true or `>= 0` and `every` as `some` (every finding of the lethal
  //   detector carries exactly one event); `setAside = all - counted` as `+` (read only when
  //   nothing is counted); the `events = []` default (every caller passes the events).
  // - cancel-request.ts NOBODY_THERE: optional word groups at either end of an alternative
  //   (`( [\w-]+){0,3}` after "in ...", `([\w-]+ ){0,2}` before the place) made shorter, required
  //   or `\W` (unanchored: the same sentences match).
  // - lethal.ts: the event-type filter forced false (listed above).
  'judge-retune-11': {
    mutate: [
      'src/judge/heuristic/confirm.ts',
      'src/judge/detectors/lethal.ts',
      'src/judge/detectors/cancel-request.ts',
      'src/judge/pressure.ts',
    ],
    tests: [
      'src/judge/heuristic/*.test.ts',
      'src/judge/detectors/lethal*.test.ts',
      'src/judge/detectors/cancel-request*.test.ts',
      'src/judge/*pressure*.test.ts',
      'src/judge/retune-9.test.ts',
      'src/judge/retune-11.test.ts',
    ],
  },
  // The twelfth retune's changed code, with the tests that read it. Run with `--mutate` line
  // ranges, e.g. `MUTATION_MODULE=judge-retune-12 npx stryker run stryker.config.mjs --force
  // --mutate src/judge/secret-reference.ts:35-64`.
  'judge-retune-12': {
    mutate: [
      'src/judge/pressure.ts',
      'src/judge/secret-reference.ts',
      'src/judge/distinctive-terms.ts',
      'src/agent/protocols/private-reasoning.ts',
    ],
    tests: [
      'src/judge/retune-12.test.ts',
      'src/judge/retune-11.test.ts',
      'src/judge/retune-10.test.ts',
      'src/judge/personal-thread.test.ts',
      'src/judge/secret-reference.test.ts',
      'src/judge/*pressure*.test.ts',
      'src/judge/heuristic/coercion.behaviour.test.ts',
      'src/judge/detectors/confidential-content-behaviour.test.ts',
      'src/agent/protocols/*.test.ts',
    ],
  },
};

const name = process.env.MUTATION_MODULE ?? 'stats';
const module = MODULES[name];
if (!module) {
  throw new Error(`unknown MUTATION_MODULE '${name}'; valid: ${Object.keys(MODULES).join(', ')}`);
}
// Read by vitest.mutation.config.ts in Stryker's test-runner processes.
process.env.MUTATION_TESTS = module.tests.join(',');
const out = `reports/mutation/${name}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  coverageAnalysis: 'perTest',
  mutate: [...module.mutate, '!src/**/*.test.ts', '!src/**/test-support/**'],
  // The machine is shared: two test processes at most (MUTATION_CONCURRENCY to change).
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  ignoreStatic: module.ignoreStatic ?? false,
  incremental: true,
  incrementalFile: `${out}/incremental.json`,
  reporters: ['clear-text', 'html', 'json', 'progress-append-only'],
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true },
  htmlReporter: { fileName: `${out}/index.html` },
  jsonReporter: { fileName: `${out}/mutation.json` },
  thresholds: { high: 85, low: 75, break: null },
  // One temp dir per module, so two modules can run at once without cleaning up each other.
  tempDirName: `.stryker-tmp/${name}`,
  ignorePatterns: ['reports', 'docs', 'dist', 'turncoat-out', 'bench', '.stryker-tmp'],
  timeoutMS: 10_000,
  cleanTempDir: 'always',
};
