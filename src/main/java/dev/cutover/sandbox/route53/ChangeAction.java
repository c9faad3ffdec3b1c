package dev.cutover.sandbox.route53;

/** The three actions of a change batch. */
public enum ChangeAction {
  CREATE,
  DELETE,
  UPSERT
}
