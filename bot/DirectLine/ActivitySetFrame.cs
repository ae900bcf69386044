using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace ChatSupport.Bot.DirectLine;

/// <summary>
/// Writes one activity set frame (<c>{"activities":[…],"watermark":"N"}</c>) as UTF-8 around activities as they are stored,
/// exactly what serialising an <see cref="ActivitySet"/> of them would give, without decoding or re-serialising them.
/// One per socket, reused frame after frame (a socket's sends never overlap): the buffer grows to the largest frame sent.
/// </summary>
internal sealed class ActivitySetFrame
{
    private readonly ArrayBufferWriter<byte> _buffer = new(2048);
    private int _activities;

    public void Start()
    {
        _buffer.ResetWrittenCount();
        _buffer.Write("{\"activities\":["u8);
        _activities = 0;
    }

    public void Add(ReadOnlySpan<byte> activityJson)
    {
        if (_activities++ > 0) _buffer.Write(","u8);
        _buffer.Write(activityJson);
    }

    public void Add(string activityJson)
    {
        if (_activities++ > 0) _buffer.Write(","u8);
        var length = Encoding.UTF8.GetByteCount(activityJson);
        _buffer.Advance(Encoding.UTF8.GetBytes(activityJson, _buffer.GetSpan(length)));
    }

    /// <summary>The frame, valid until the next <see cref="Start"/>.</summary>
    public ReadOnlyMemory<byte> Finish(long watermark)
    {
        _buffer.Write("],\"watermark\":\""u8);
        Utf8Formatter.TryFormat(watermark, _buffer.GetSpan(20), out var written);
        _buffer.Advance(written);
        _buffer.Write("\"}"u8);
        return _buffer.WrittenMemory;
    }
}
