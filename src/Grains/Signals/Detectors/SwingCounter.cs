namespace SessionKit.Grains.Signals.Detectors;

/// <summary>
/// Counts direction changes of one coordinate (a mouse axis, a scroll position), each only after a swing of at
/// least <c>minSwing</c> from the last turning point, and keeps the times of the most recent ones.
/// </summary>
internal sealed class SwingCounter
{
    private readonly Queue<long> _reversals = new();
    private bool _started;
    private int _direction;
    private int _extreme;
    private int _min;
    private int _max;
    private long _lastAt = long.MinValue;

    public int Count => _reversals.Count;

    public long FirstAt => _reversals.Peek();

    /// <summary>Adds a position; true when it completes a direction change.</summary>
    public bool Move(long at, int position, int minSwing, int window, int keep)
    {
        if (at < _lastAt)
        {
            // Time went backwards (a recording out of order): what was counted says nothing about now.
            Reset();
        }

        _lastAt = at;
        if (!Turned(position, minSwing))
        {
            return false;
        }

        _reversals.Enqueue(at);
        while (_reversals.Count > keep || at - _reversals.Peek() > window)
        {
            _reversals.Dequeue();
        }

        return true;
    }

    public void Reset()
    {
        _reversals.Clear();
        _started = false;
        _direction = 0;
        _lastAt = long.MinValue;
    }

    private bool Turned(int position, int minSwing)
    {
        if (!_started)
        {
            _started = true;
            _min = _max = _extreme = position;
            return false;
        }

        switch (_direction)
        {
            case 0:
                _min = Math.Min(_min, position);
                _max = Math.Max(_max, position);
                if (position - _min >= minSwing || _max - position >= minSwing)
                {
                    _direction = position - _min >= minSwing ? 1 : -1;
                    _extreme = position;
                }

                return false;
            case 1 when position >= _extreme:
            case -1 when position <= _extreme:
                _extreme = position;
                return false;
            default:
                if (Math.Abs(position - _extreme) < minSwing)
                {
                    return false;
                }

                _direction = -_direction;
                _extreme = position;
                return true;
        }
    }
}
