namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>
/// Lua run by Redis so a write either happens whole or not at all, and the shortcut check and the
/// write cannot interleave with another instance's write. Records are the JSON of <see cref="CannedReply"/>
/// (camelCase; scope "Team"/"Personal"); shortcut slots are derived from them the same way as
/// <see cref="CannedReplyShortcutSlots.Team"/> / <see cref="CannedReplyShortcutSlots.Personal"/>.
/// </summary>
internal static class CannedReplyScripts
{
    private const string SlotFunctions = """
        local function slot(rec)
          local s = rec['shortcut']
          if s == nil or s == cjson.null or s == '' then return nil end
          if rec['scope'] == 'Team' then return 'team|' .. s end
          return 'personal|' .. rec['ownerId'] .. '|' .. s
        end
        """;

    /// <summary>
    /// KEYS[1] items, KEYS[2] shortcuts. ARGV: mode ('create', 'update' or 'upsert') then quads
    /// (id, json, shortcut slot or '', team slot a personal shortcut must not shadow or ''); the slots are
    /// computed by the caller so the script doesn't decode every record. Pass 1 checks every quad (exists
    /// for update / absent for create, no slot held by another item or by another quad in this batch, no
    /// shadowed team shortcut); pass 2 writes them all. Returns {'ok'} or {'missing'|'duplicate'|'exists', index (1-based), detail}.
    /// </summary>
    public const string UpsertMany = SlotFunctions + """

        local mode = ARGV[1]
        local n = (#ARGV - 1) / 4
        local claimed = {}
        for i = 1, n do
          local id, s, t = ARGV[4 * i - 2], ARGV[4 * i], ARGV[4 * i + 1]
          if mode ~= 'upsert' then
            local existing = redis.call('HEXISTS', KEYS[1], id)
            if mode == 'update' and existing == 0 then return {'missing', tostring(i), id} end
            if mode == 'create' and existing == 1 then return {'exists', tostring(i), id} end
          end
          if s ~= '' then
            local holder = redis.call('HGET', KEYS[2], s)
            if (holder and holder ~= id) or (claimed[s] and claimed[s] ~= id) then return {'duplicate', tostring(i), s} end
            claimed[s] = id
          end
          if t ~= '' and (redis.call('HEXISTS', KEYS[2], t) == 1 or claimed[t]) then return {'duplicate', tostring(i), t} end
        end
        for i = 1, n do
          local id, json, s = ARGV[4 * i - 2], ARGV[4 * i - 1], ARGV[4 * i]
          local old = redis.call('HGET', KEYS[1], id)
          if old then
            local os = slot(cjson.decode(old))
            if os and os ~= s and redis.call('HGET', KEYS[2], os) == id then redis.call('HDEL', KEYS[2], os) end
          end
          if s ~= '' then redis.call('HSET', KEYS[2], s, id) end
          redis.call('HSET', KEYS[1], id, json)
        end
        return {'ok'}
        """;

    /// <summary>KEYS[1] items, KEYS[2] shortcuts, KEYS[3] usage. ARGV[1] id. Returns 1 when deleted, 0 when missing.</summary>
    public const string Delete = SlotFunctions + """

        local old = redis.call('HGET', KEYS[1], ARGV[1])
        if not old then return 0 end
        local s = slot(cjson.decode(old))
        if s and redis.call('HGET', KEYS[2], s) == ARGV[1] then redis.call('HDEL', KEYS[2], s) end
        redis.call('HDEL', KEYS[1], ARGV[1])
        redis.call('HDEL', KEYS[3], ARGV[1])
        return 1
        """;

    /// <summary>
    /// KEYS[1] items. ARGV: ids in their new order. Sets each record's order to its position, only if
    /// every id still exists (returns the first missing id, or 'ok').
    /// </summary>
    public const string Reorder = """
        for i = 1, #ARGV do
          if redis.call('HEXISTS', KEYS[1], ARGV[i]) == 0 then return ARGV[i] end
        end
        for i = 1, #ARGV do
          local rec = cjson.decode(redis.call('HGET', KEYS[1], ARGV[i]))
          rec['order'] = i
          redis.call('HSET', KEYS[1], ARGV[i], cjson.encode(rec))
        end
        return 'ok'
        """;
}
