/**
 * The error codes recflow's API answers with (`code` of a problem+json answer), declared once per
 * domain: the server throws them, the dashboard and scripts compare against them.
 */
export const ERROR_CODES = {
  channel: {
    alreadyExists: 'channel.already_exists',
    inUse: 'channel.in_use',
    notFound: 'channel.not_found',
    notOnPlatform: 'channel.not_on_platform',
    tooManyTags: 'channel.too_many_tags',
  },
  conflict: {
    referenced: 'conflict.referenced',
    unique: 'conflict.unique',
  },
  criterion: {
    alreadyExists: 'criterion.already_exists',
    lastSearch: 'criterion.last_search',
    locationConflict: 'criterion.location_conflict',
    notFound: 'criterion.not_found',
    ruleNotFound: 'criterion.rule_not_found',
    rulePlatform: 'criterion.rule_platform',
    unitExists: 'criterion.unit_exists',
    unitNotFound: 'criterion.unit_not_found',
    valueNotNumber: 'criterion.value_not_number',
  },
  drain: {
    alreadyRunning: 'drain.already_running',
    noNodes: 'drain.no_nodes',
    notFound: 'drain.not_found',
  },
  grade: {
    alreadyExists: 'grade.already_exists',
    defaultImmutable: 'grade.default_immutable',
    inUse: 'grade.in_use',
    notFound: 'grade.not_found',
  },
  import: {
    badCsv: 'import.bad_csv',
    tooManyRows: 'import.too_many_rows',
  },
  invalid: {
    check: 'invalid.check',
  },
  live: {
    active: 'live.active',
    alreadyActive: 'live.already_active',
    channelNotLive: 'live.channel_not_live',
    gradeNotSaved: 'live.grade_not_saved',
    inaccessible: 'live.inaccessible',
    notActive: 'live.not_active',
    notFound: 'live.not_found',
    streamUnavailable: 'live.stream_unavailable',
  },
  node: {
    alreadyExists: 'node.already_exists',
    inUse: 'node.in_use',
    notFound: 'node.not_found',
  },
  nodeGroup: {
    alreadyExists: 'node_group.already_exists',
    inUse: 'node_group.in_use',
    notFound: 'node_group.not_found',
  },
  platform: {
    notFound: 'platform.not_found',
  },
  recording: {
    notFinished: 'recording.not_finished',
    notFound: 'recording.not_found',
  },
  request: {
    invalid: 'request.invalid',
    malformedJson: 'request.malformed_json',
    tooLarge: 'request.too_large',
  },
  route: {
    notFound: 'route.not_found',
  },
  service: {
    unavailable: 'service.unavailable',
  },
  tag: {
    alreadyExists: 'tag.already_exists',
    inUse: 'tag.in_use',
    notFound: 'tag.not_found',
  },
  task: {
    notFound: 'task.not_found',
  },
} as const;

type Leaves<T> = T extends string ? T : { [K in keyof T]: Leaves<T[K]> }[keyof T];

/** How a failed call to an outside service is told apart: `upstream.{service}.{kind}`. */
export type UpstreamErrorCode =
  `upstream.${string}.${'timeout' | 'unreachable' | 'status' | 'invalid_response'}`;

export type ErrorCode = Leaves<typeof ERROR_CODES> | UpstreamErrorCode;
