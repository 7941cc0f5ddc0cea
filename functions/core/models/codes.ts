/**
 * Diagnostic codes of the model readers (detection, the v0.13 flat JSON reader, the v0.16
 * registry reader). Tests assert these codes, never the messages.
 */
export const ModelCode = {
  /** The text is over the size limit; nothing was read. */
  ConfigLimit: "config_limit",
  /** JSON that does not parse (jsonc-parser's error, placed). The value is skipped. */
  JsonSyntax: "json_syntax",
  /** A `//` or `/* *\/` comment: JSON has none, Stalwart's JSON readers refuse it. */
  JsonComment: "json_comment",
  /** A value nested deeper than the reader's frozen limit. The value is skipped. */
  JsonTooDeep: "json_too_deep",
  /** The same key twice in one object: the last one is read. */
  JsonDuplicateKey: "json_duplicate_key",

  /** v0.13 flat JSON: not a string→value map, or an entry that is not a scalar. */
  FlatShape: "flat_json_shape",
  /** v0.13 flat JSON: a number, boolean or null where Stalwart stores strings. */
  FlatNonString: "flat_json_non_string",
  /** v0.13 flat JSON: the `queue.` prefix was stripped by the export and is added back. */
  FlatPrefixAdded: "flat_json_prefix_added",

  /** v0.16: a top-level value that is none of the accepted input shapes. */
  InputShape: "registry_input_shape",
  /** v0.16: a JMAP method response that is an error, or not a `…/get` response. */
  JmapResponse: "registry_jmap_response",
  /** v0.16: a plan line whose `@type` is not create, upsert, update or destroy. */
  PlanOperation: "registry_plan_operation",
  /** v0.16: an `update` line whose `id` names no object created earlier in the text. */
  PlanUpdateTarget: "registry_plan_update_target",
  /** v0.16: an object type name that Stalwart v0.16 does not have. */
  UnknownObjectType: "registry_unknown_object_type",
  /** v0.16: a registry object the outbound plan does not read (skipped). */
  IgnoredObjectType: "registry_ignored_object_type",
  /** v0.16: a bare object whose type cannot be told from its fields. */
  AmbiguousObjectType: "registry_ambiguous_object_type",
  /** v0.16: a second object with a name already taken (names are unique per type). */
  DuplicateName: "registry_duplicate_name",
  /** v0.16: a second singleton object given bare (not as an `update` line). */
  DuplicateSingleton: "registry_duplicate_singleton",
  /** v0.16: a field the object type does not have (Stalwart: "Invalid property"). */
  UnknownField: "registry_unknown_field",
  /** v0.16: a field value Stalwart refuses; the field's default is used. */
  InvalidField: "registry_invalid_field",
  /** v0.16: an object Stalwart refuses whole (no name, no route `@type`, …); skipped. */
  InvalidObject: "registry_invalid_object",
  /** v0.16: a list written as a JSON array (the docs' form); the registry keys it "0", "1", …. */
  ListAsArray: "registry_list_as_array",
  /** v0.16: a relay with a username and no secret (snapshots strip secrets). */
  SecretStripped: "registry_secret_stripped",
  /** v0.16: an object type given no object, so Stalwart's safe defaults are used. */
  SafeDefaults: "registry_safe_defaults",

  /** v0.13: the database's first-start keys are read with the config (boot.rs). */
  BootDefaults: "boot_defaults_applied",
  /** v0.13: a flat export that holds the database's keys: no defaults added. */
  ExportHoldsDefaults: "export_holds_defaults",
  /** v0.13: a list written beside the database's list of the same key: both are read. */
  MergedList: "merged_list_keys",

  /** A key that the chosen Stalwart version does not read (a mixed config). */
  IgnoredKey: "model_ignored_key",
} as const;
export type ModelCode = (typeof ModelCode)[keyof typeof ModelCode];
