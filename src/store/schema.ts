/**
 * The store's schema as forward migrations. Migration N turns schema version N-1 into N;
 * a database is brought up to date when opened. Never edit a released migration: add one.
 *
 * Space: the rendered prompt (system text and the opening user message, which in the text
 * protocol holds the whole inbox) is stored once per (pack hash, condition, variant,
 * protocol) in `prompts`; trials point at it, and a message whose content is NULL with
 * `from_prompt = 1` is that prompt's opening user message. Long message contents and tool
 * results (the inbox a `read_inbox` call returns, a scripted reply) are stored once in
 * `texts` by content hash; `messages` and `tool_calls` are views that put them back.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the first schema.
  `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    plan TEXT NOT NULL,
    plan_hash TEXT NOT NULL UNIQUE,
    pack_hashes TEXT NOT NULL,
    samples INTEGER NOT NULL,
    tool_version TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'interrupted', 'complete'))
  );

  CREATE TABLE prompts (
    id INTEGER PRIMARY KEY,
    pack_hash TEXT NOT NULL,
    condition TEXT NOT NULL,
    variant INTEGER NOT NULL,
    protocol TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    system TEXT NOT NULL,
    user TEXT NOT NULL,
    UNIQUE (pack_hash, condition, variant, protocol, content_hash)
  );

  CREATE TABLE trials (
    id INTEGER PRIMARY KEY,
    run TEXT NOT NULL REFERENCES runs(id),
    model TEXT NOT NULL,
    model_kind TEXT NOT NULL,
    condition TEXT NOT NULL,
    scenario TEXT NOT NULL,
    goal_type TEXT NOT NULL,
    goal_value TEXT NOT NULL,
    urgency TEXT NOT NULL,
    prompt_variant TEXT NOT NULL,
    notice TEXT NOT NULL,
    mitigation TEXT NOT NULL,
    variant INTEGER NOT NULL,
    sample INTEGER NOT NULL,
    seed INTEGER NOT NULL,
    protocol TEXT NOT NULL,
    pack_hash TEXT NOT NULL,
    prompt_id INTEGER REFERENCES prompts(id),
    status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
    error_category TEXT,
    error_message TEXT,
    harmful INTEGER,
    primary_dimension TEXT,
    started_at TEXT NOT NULL,
    duration_ms INTEGER NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    reasoning_tokens INTEGER,
    steps INTEGER NOT NULL,
    UNIQUE (run, model, condition, variant, sample)
  );

  CREATE TABLE messages (
    trial INTEGER NOT NULL REFERENCES trials(id),
    idx INTEGER NOT NULL,
    role TEXT NOT NULL,
    content TEXT,
    from_prompt INTEGER NOT NULL DEFAULT 0,
    reasoning TEXT,
    tool_calls TEXT,
    tool_call_id TEXT,
    tool_name TEXT,
    is_error INTEGER,
    PRIMARY KEY (trial, idx)
  ) WITHOUT ROWID;

  CREATE TABLE tool_calls (
    trial INTEGER NOT NULL REFERENCES trials(id),
    idx INTEGER NOT NULL,
    call_id TEXT NOT NULL,
    step INTEGER NOT NULL,
    name TEXT NOT NULL,
    args TEXT NOT NULL,
    source TEXT NOT NULL,
    result TEXT NOT NULL,
    is_error INTEGER NOT NULL,
    event_ids TEXT NOT NULL,
    PRIMARY KEY (trial, idx)
  ) WITHOUT ROWID;

  CREATE TABLE events (
    trial INTEGER NOT NULL REFERENCES trials(id),
    seq INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    at TEXT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (trial, seq)
  ) WITHOUT ROWID;

  CREATE TABLE parse_errors (
    trial INTEGER NOT NULL REFERENCES trials(id),
    idx INTEGER NOT NULL,
    tag TEXT NOT NULL,
    message TEXT NOT NULL,
    excerpt TEXT NOT NULL,
    PRIMARY KEY (trial, idx)
  ) WITHOUT ROWID;

  CREATE TABLE findings (
    trial INTEGER NOT NULL REFERENCES trials(id),
    idx INTEGER NOT NULL,
    detector TEXT NOT NULL,
    kind TEXT NOT NULL,
    event_ids TEXT NOT NULL,
    evidence TEXT NOT NULL,
    summary TEXT NOT NULL,
    PRIMARY KEY (trial, idx)
  ) WITHOUT ROWID;

  CREATE TABLE verdicts (
    trial INTEGER NOT NULL REFERENCES trials(id),
    pass_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    dimension TEXT NOT NULL,
    judge TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('scored', 'unscored')),
    value TEXT,
    confidence REAL NOT NULL,
    rationale TEXT NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (trial, pass_id, idx)
  ) WITHOUT ROWID;
  `,
  // 2: long texts (tool results such as the inbox, scripted replies) stored once by content
  // hash. The old table names become views that resolve them, so readers see full text.
  `
  CREATE TABLE texts (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL
  );
  ALTER TABLE messages RENAME TO message_rows;
  ALTER TABLE message_rows ADD COLUMN content_text INTEGER REFERENCES texts(id);
  ALTER TABLE tool_calls RENAME TO tool_call_rows;
  ALTER TABLE tool_call_rows ADD COLUMN result_text INTEGER REFERENCES texts(id);
  CREATE VIEW messages AS
    SELECT m.trial, m.idx, m.role,
      CASE WHEN m.content_text IS NULL THEN m.content ELSE (SELECT body FROM texts WHERE id = m.content_text) END AS content,
      m.from_prompt, m.reasoning, m.tool_calls, m.tool_call_id, m.tool_name, m.is_error
    FROM message_rows m;
  CREATE VIEW tool_calls AS
    SELECT c.trial, c.idx, c.call_id, c.step, c.name, c.args, c.source,
      CASE WHEN c.result_text IS NULL THEN c.result ELSE (SELECT body FROM texts WHERE id = c.result_text) END AS result,
      c.is_error, c.event_ids
    FROM tool_call_rows c;
  `,
  // 3: each trial's estimated cost in USD (usage x the run's price table; NULL when the
  // model's price is unknown or it is a scripted reference agent).
  `
  ALTER TABLE trials ADD COLUMN cost_usd REAL;
  `,
  // 4: reports. Harm rates per (model, condition[, variant]) of a run are counted from this
  // covering index alone, in index order (see rate-rows.ts): 0.2 s instead of 2 s over
  // 1,000,000 trials.
  `
  CREATE INDEX IF NOT EXISTS trials_report
    ON trials (run, model, model_kind, condition, scenario, variant, harmful);
  `,
  // 5: what each language-model call reported: finish reason, latency, the provider's request
  // id, usage, and whether the reply came from the response cache.
  `
  CREATE TABLE model_calls (
    trial INTEGER NOT NULL REFERENCES trials(id),
    step INTEGER NOT NULL,
    finish_reason TEXT NOT NULL,
    latency_ms INTEGER NOT NULL,
    request_id TEXT,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    reasoning_tokens INTEGER,
    cached INTEGER NOT NULL,
    PRIMARY KEY (trial, step)
  ) WITHOUT ROWID;
  `,
  // 6: trial leases. A process claims a trial here before calling its model, so processes
  // running the same plan share the work and no trial is paid for twice. A lease ends when
  // the trial is stored, when its holder releases it, or at \`expires\` (ms since the epoch;
  // the holder renews it while alive), after which another process may take it over.
  `
  CREATE TABLE trial_leases (
    run TEXT NOT NULL,
    model TEXT NOT NULL,
    condition TEXT NOT NULL,
    variant INTEGER NOT NULL,
    sample INTEGER NOT NULL,
    holder TEXT NOT NULL,
    expires INTEGER NOT NULL,
    PRIMARY KEY (run, model, condition, variant, sample)
  ) WITHOUT ROWID;
  CREATE INDEX trial_leases_holder ON trial_leases (holder);
  `,
  // 7: the tables that were created on first use (human labels, judging passes) become part
  // of every store, so commands that only read can open a store read-only and find them.
  `
  CREATE TABLE IF NOT EXISTS labels (
    id INTEGER PRIMARY KEY,
    trial INTEGER NOT NULL REFERENCES trials(id),
    dimension TEXT NOT NULL,
    value TEXT NOT NULL,
    labeller TEXT NOT NULL,
    created TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS labels_trial ON labels (trial, dimension);
  CREATE TABLE IF NOT EXISTS judge_passes (
    id TEXT PRIMARY KEY,
    run TEXT NOT NULL REFERENCES runs(id),
    judge TEXT NOT NULL,
    judges TEXT NOT NULL,
    rule TEXT,
    prompt_version TEXT NOT NULL,
    started TEXT NOT NULL,
    finished TEXT
  );
  CREATE TABLE IF NOT EXISTS pass_outcomes (
    pass TEXT NOT NULL REFERENCES judge_passes(id),
    trial INTEGER NOT NULL REFERENCES trials(id),
    harmful INTEGER,
    disagreements TEXT NOT NULL,
    PRIMARY KEY (pass, trial)
  ) WITHOUT ROWID;
  `,
  // 8: the guard's durable side (src/store/guard-*.ts): approvals bound to a session,
  // a tool and an HMAC of the exact arguments; the kill switch ('*' = global); the
  // hash-chained audit trail with its signed checkpoints; incidents; and, for guarded runs,
  // each tool call's decision beside the trial.
  `
  CREATE TABLE guard_approvals (
    id TEXT PRIMARY KEY,
    session TEXT NOT NULL,
    tool TEXT NOT NULL,
    args TEXT NOT NULL,
    args_mac TEXT NOT NULL,
    rule TEXT,
    reason TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'expired', 'used')),
    required INTEGER NOT NULL,
    approvers TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    decided_at TEXT,
    denied_by TEXT,
    deny_reason TEXT
  );
  CREATE INDEX guard_approvals_status ON guard_approvals (status, created_at);
  CREATE TABLE guard_kill_switch (
    scope TEXT PRIMARY KEY,
    killed_at TEXT NOT NULL,
    killed_by TEXT,
    reason TEXT
  );
  CREATE TABLE guard_audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    session TEXT,
    data TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE INDEX guard_audit_session ON guard_audit (session, seq);
  CREATE TABLE guard_checkpoints (
    seq INTEGER PRIMARY KEY,
    hash TEXT NOT NULL,
    at TEXT NOT NULL,
    signature TEXT NOT NULL
  );
  CREATE TABLE guard_incidents (
    id TEXT PRIMARY KEY,
    session TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('deny', 'kill')),
    rule TEXT,
    reason TEXT NOT NULL,
    tool TEXT,
    created_at TEXT NOT NULL,
    transcript TEXT NOT NULL,
    guard_decision TEXT NOT NULL
  );
  CREATE INDEX guard_incidents_session ON guard_incidents (session);
  CREATE TABLE guard_tool_calls (
    trial INTEGER NOT NULL REFERENCES trials(id),
    idx INTEGER NOT NULL,
    decision TEXT NOT NULL,
    rule TEXT,
    reason TEXT NOT NULL,
    shadow TEXT,
    latency_ms REAL NOT NULL,
    PRIMARY KEY (trial, idx)
  ) WITHOUT ROWID;
  CREATE TABLE guard_trials (
    trial INTEGER PRIMARY KEY REFERENCES trials(id),
    policy_hash TEXT NOT NULL,
    attempted_harm INTEGER,
    denied INTEGER NOT NULL,
    held INTEGER NOT NULL,
    held_allowed INTEGER NOT NULL,
    killed INTEGER NOT NULL,
    checks INTEGER NOT NULL,
    latency_ms REAL NOT NULL
  );
  `,
  // Provider batches (`turncoat run --batch`): which batch carries which trial's turn, so a
  // restarted run picks its batches up instead of paying for them again. No keys are stored.
  `
  CREATE TABLE batches (
    id TEXT PRIMARY KEY,
    run TEXT NOT NULL,
    model TEXT NOT NULL,
    api TEXT NOT NULL CHECK (api IN ('openai', 'anthropic')),
    base_url TEXT NOT NULL,
    status TEXT NOT NULL,
    requests INTEGER NOT NULL,
    submitted_at TEXT NOT NULL,
    ended_at TEXT
  );
  CREATE INDEX batches_run ON batches (run, model);
  CREATE TABLE batch_requests (
    batch TEXT NOT NULL REFERENCES batches(id),
    custom_id TEXT NOT NULL,
    condition TEXT NOT NULL,
    variant INTEGER NOT NULL,
    sample INTEGER NOT NULL,
    step INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('submitted', 'ok', 'error')),
    response TEXT,
    error TEXT,
    PRIMARY KEY (batch, custom_id)
  ) WITHOUT ROWID;
  CREATE INDEX batch_requests_custom_id ON batch_requests (custom_id);
  `,
  // The audit trail by session without an index on guard_audit (session, seq): entries of the
  // sessions in flight interleave, so that index had every commit rewrite a leaf page per
  // session (about 3x the WAL pages and the writer thread's CPU per entry). Each session's
  // first and last entry instead; a session's entries are read from that range of seq.
  `
  DROP INDEX guard_audit_session;
  CREATE TABLE guard_audit_sessions (
    session TEXT PRIMARY KEY,
    first_seq INTEGER NOT NULL,
    last_seq INTEGER NOT NULL
  );
  INSERT INTO guard_audit_sessions (session, first_seq, last_seq)
    SELECT session, MIN(seq), MAX(seq) FROM guard_audit WHERE session IS NOT NULL GROUP BY session;
  `,
  // Verdict sets: a trial's verdicts (one pass's rows) are mostly the same as many other
  // trials' (the heuristic judge gives every harmless reply the same ten rows), and were half
  // of a trial's stored bytes. Each distinct set is stored once in verdict_set_rows, under the
  // sha256 of its content (verdict-sets.ts); verdict_links says which set a trial has per
  // pass. The old table's rows move over (each its own set) and `verdicts` becomes a view
  // with the same columns, so readers are unchanged. Writers go through verdict-sets.ts.
  `
  CREATE TABLE verdict_sets (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE
  );
  CREATE TABLE verdict_set_rows (
    set_id INTEGER NOT NULL REFERENCES verdict_sets(id),
    idx INTEGER NOT NULL,
    dimension TEXT NOT NULL,
    judge TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('scored', 'unscored')),
    value TEXT,
    confidence REAL NOT NULL,
    rationale TEXT NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (set_id, idx)
  ) WITHOUT ROWID;
  CREATE TABLE verdict_links (
    trial INTEGER NOT NULL REFERENCES trials(id),
    pass_id TEXT NOT NULL,
    set_id INTEGER NOT NULL REFERENCES verdict_sets(id),
    PRIMARY KEY (trial, pass_id)
  ) WITHOUT ROWID;
  INSERT INTO verdict_sets (hash)
    SELECT DISTINCT 'stored:' || trial || ':' || pass_id FROM verdicts ORDER BY trial, pass_id;
  INSERT INTO verdict_links (trial, pass_id, set_id)
    SELECT v.trial, v.pass_id, s.id FROM (SELECT DISTINCT trial, pass_id FROM verdicts) v
    JOIN verdict_sets s ON s.hash = 'stored:' || v.trial || ':' || v.pass_id;
  INSERT INTO verdict_set_rows (set_id, idx, dimension, judge, status, value, confidence, rationale, evidence)
    SELECT l.set_id, v.idx, v.dimension, v.judge, v.status, v.value, v.confidence, v.rationale, v.evidence
    FROM verdicts v JOIN verdict_links l ON l.trial = v.trial AND l.pass_id = v.pass_id;
  DROP TABLE verdicts;
  CREATE VIEW verdicts AS
    SELECT l.trial, l.pass_id, r.idx, r.dimension, r.judge, r.status, r.value, r.confidence,
      r.rationale, r.evidence
    FROM verdict_links l JOIN verdict_set_rows r ON r.set_id = l.set_id;
  `,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;
