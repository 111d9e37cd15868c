namespace SessionKit.Grains.Signals.Detectors;

/// <summary>
/// Fields of a form filled (at least <c>FormAbandonmentMinFields</c>), the form never submitted (no click on one
/// of its submit buttons), and the page left. Forms are known by their selector, so a new snapshot of the same
/// page (which renumbers nodes) does not split one form in two.
/// </summary>
internal sealed class FormAbandonmentDetector : ISignalDetector
{
    private const int MaxForms = 8;
    private const int MaxFields = 32;

    /// <summary>How far up from a field its form is looked for.</summary>
    private const int FormLevels = 20;

    private readonly List<Form> _forms = [];
    private long _lastAt;

    public void OnTime(long at, SignalContext context) => _lastAt = Math.Max(_lastAt, at);

    public void OnInput(long at, int nodeId, SignalContext context)
    {
        if (context.Nodes.Get(nodeId) is not { } field || Find(context, nodeId) is not { } key)
        {
            return;
        }

        var form = _forms.Find(candidate => candidate.Key == key.Selector);
        if (form is null)
        {
            if (_forms.Count == MaxForms)
            {
                return;
            }

            form = new Form(key.Selector, key, at);
            _forms.Add(form);
        }

        var name = TargetDescriber.Part(field);
        if (form.Fields.Count < MaxFields && !form.Fields.Contains(name))
        {
            form.Fields.Add(name);
        }
    }

    public void OnClick(long at, int nodeId, int? x, int? y, SignalContext context)
    {
        if (context.Nodes.Closest(nodeId, TargetDescriber.ClickableLevels, TargetDescriber.IsSubmit) is { } submit
            && Find(context, submit.Id) is { } key)
        {
            _forms.RemoveAll(form => form.Key == key.Selector);
        }
    }

    /// <summary>Called before this event's time is seen, so <see cref="_lastAt"/> is still the last moment on the page left.</summary>
    public void OnPage(long at, string url, string? previousUrl, SignalContext context)
    {
        foreach (var form in _forms.Where(form => form.Fields.Count >= context.Thresholds.FormAbandonmentMinFields))
        {
            var leftAt = Math.Max(_lastAt, form.FirstInputAt);
            var fields = form.Fields.Count == 1 ? "1 field" : $"{form.Fields.Count} fields";
            context.Raise(
                SignalTypes.FormAbandonment,
                leftAt,
                form.Target,
                new SignalEvidence { Count = form.Fields.Count, SpanMs = leftAt - form.FirstInputAt, Fields = [.. form.Fields] },
                $"{fields} of {TargetDescriber.Label(form.Target)} filled, then the page was left without sending it",
                previousUrl);
        }

        _forms.Clear();
    }

    private static SignalTarget? Find(SignalContext context, int nodeId) =>
        context.Nodes.Closest(nodeId, FormLevels, node => node.Tag == "form") is { } form
            ? new SignalTarget(Selector(context.Nodes, form.Node), form.Node.AriaLabel)
            : null;

    private static string Selector(NodeMap nodes, DomNode form) =>
        form.ElementId is null && form.Name is null && nodes.Get(form.ParentId) is { IsElement: true } parent
            ? TargetDescriber.Part(parent) + " > " + TargetDescriber.Part(form)
            : TargetDescriber.Part(form);

    private sealed record Form(string Key, SignalTarget Target, long FirstInputAt)
    {
        public List<string> Fields { get; } = [];
    }
}
