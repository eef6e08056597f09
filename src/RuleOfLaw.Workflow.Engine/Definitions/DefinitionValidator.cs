using System.Text.RegularExpressions;
using RuleOfLaw.Workflow.Engine.Conditions;

namespace RuleOfLaw.Workflow.Engine.Definitions;

/// <summary>
/// The rules a definition must satisfy beyond its JSON shape: what each kind needs, references, vocabulary,
/// reachability, loops that can end, joins that can be satisfied. Every error names its JSON path.
/// </summary>
public static partial class DefinitionValidator
{
    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    [GeneratedRegex("^[a-z][A-Za-z0-9]*$")]
    private static partial Regex CamelCase();

    public static IReadOnlyList<DefinitionError> Validate(ProcedureDefinition definition, DefinitionVocabulary? vocabulary)
    {
        var file = definition.SourceFile ?? "(uploaded definition)";
        var errors = new List<DefinitionError>();
        void Error(string path, string problem) => errors.Add(new DefinitionError(file, path, problem));

        if (!KebabCase().IsMatch(definition.Id))
        {
            Error("$.id", $"'{definition.Id}' must be kebab-case (lower-case words joined by '-')");
        }

        var declared = new HashSet<string>();
        for (var i = 0; i < definition.Attributes.Count; i++)
        {
            var name = definition.Attributes[i].Name;
            if (!CamelCase().IsMatch(name))
            {
                Error($"$.attributes[{i}].name", $"'{name}' must be camelCase");
            }
            if (!declared.Add(name))
            {
                Error($"$.attributes[{i}].name", $"attribute '{name}' is declared twice");
            }
        }

        var index = new Dictionary<string, int>();
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            var id = definition.Steps[i].Id;
            if (!KebabCase().IsMatch(id))
            {
                Error($"$.steps[{i}].id", $"'{id}' must be kebab-case");
            }
            if (!index.TryAdd(id, i))
            {
                Error($"$.steps[{i}].id", $"step id '{id}' is used twice (first at $.steps[{index[id]}])");
            }
        }

        if (!index.ContainsKey(definition.Start))
        {
            Error("$.start", $"step '{definition.Start}' does not exist");
        }

        for (var i = 0; i < definition.Steps.Count; i++)
        {
            CheckStep(definition.Steps[i], $"$.steps[{i}]", index, declared, vocabulary, Error);
            if (definition.Steps[i].Procedure == definition.Id)
            {
                Error($"$.steps[{i}].procedure", $"a procedure cannot start itself as a sub-procedure ('{definition.Id}' would never end)");
            }
        }

        CheckEvents(definition.Events, "$.events", index, Error);

        if (errors.Count == 0)
        {
            CheckGraph(definition, index, Error);
        }
        return errors;
    }

    private static void CheckStep(
        StepDefinition step, string path, Dictionary<string, int> index, HashSet<string> declared,
        DefinitionVocabulary? vocabulary, Action<string, string> error)
    {
        void References(IReadOnlyList<string> ids, string field)
        {
            for (var j = 0; j < ids.Count; j++)
            {
                if (!index.ContainsKey(ids[j]))
                {
                    error($"{path}.{field}[{j}]", $"step '{ids[j]}' does not exist");
                }
            }
        }

        void Names(Condition? condition, string field)
        {
            foreach (var name in condition?.Names().Distinct() ?? [])
            {
                if (!declared.Contains(name))
                {
                    error($"{path}.{field}", $"attribute '{name}' is not declared in $.attributes");
                }
            }
        }

        References(step.Next, "next");
        References(step.Otherwise, "otherwise");
        References(step.Join, "join");
        if (step.Join.Contains(step.Id))
        {
            error($"{path}.join", "a step cannot wait for itself");
        }
        Names(step.When, "when");
        Names(step.Condition, "condition");

        var outcomeIds = new HashSet<string>();
        for (var j = 0; j < step.Outcomes.Count; j++)
        {
            var outcome = step.Outcomes[j];
            if (!KebabCase().IsMatch(outcome.Id))
            {
                error($"{path}.outcomes[{j}].id", $"'{outcome.Id}' must be kebab-case");
            }
            if (!outcomeIds.Add(outcome.Id))
            {
                error($"{path}.outcomes[{j}].id", $"outcome '{outcome.Id}' is used twice");
            }
            References(outcome.Next ?? [], $"outcomes[{j}].next");
            foreach (var name in outcome.Set.Keys.Where(n => !declared.Contains(n)))
            {
                error($"{path}.outcomes[{j}].set.{name}", $"attribute '{name}' is not declared in $.attributes");
            }
        }

        void NotAllowed(bool present, string field, string why)
        {
            if (present)
            {
                error($"{path}.{field}", why);
            }
        }

        var kind = step.Kind;
        NotAllowed(kind != StepKind.Event && step.Signal is not null, "signal", "only event steps wait for a signal (use \"events\" to hear one while a step runs)");
        NotAllowed(kind is not (StepKind.HumanTask or StepKind.Event) && step.CompletedBy is not null, "completedBy",
            "only human tasks and event steps are completed by a domain command");
        NotAllowed(kind != StepKind.HumanTask && step.Parties is not null, "parties", "only human tasks have parties");
        NotAllowed(kind is StepKind.Automatic or StepKind.Gate && step.Events.Count > 0, "events",
            "an automatic step or a gate is never active, so no event can be attached to it");
        if (step.Signal is { } signal && !KebabCase().IsMatch(signal))
        {
            error($"{path}.signal", $"'{signal}' must be kebab-case");
        }
        if (step.CompletedBy is { } command && !KebabCase().IsMatch(command))
        {
            error($"{path}.completedBy", $"'{command}' must be kebab-case (the name of the domain command)");
        }
        CheckEvents(step.Events, $"{path}.events", index, error);
        if (step.Parties is { } parties)
        {
            CheckParties(step, parties, $"{path}.parties", vocabulary, error);
        }
        NotAllowed(kind == StepKind.Event && step.Signal is null, "signal", "an event step needs the signal it waits for");
        NotAllowed(kind != StepKind.HumanTask && step.Role is not null, "role", "only human tasks have a role");
        NotAllowed(kind != StepKind.HumanTask && step.Organization is not null, "organization", "only human tasks have an organization");
        NotAllowed(kind != StepKind.HumanTask && step.Outcomes.Count > 0, "outcomes", "only human tasks have outcomes");
        NotAllowed(kind != StepKind.HumanTask && step.Due is not null, "due", "only human tasks have a due date");
        NotAllowed(kind != StepKind.HumanTask && step.Minimum is not null, "minimum", "only human tasks have a minimum period");
        NotAllowed(kind != StepKind.Timer && step.Duration is not null, "duration", "only timers have a duration");
        NotAllowed(kind != StepKind.Gate && step.Condition is not null, "condition", "only gates have a condition (use \"when\" to skip a step)");
        NotAllowed(kind != StepKind.Gate && step.Otherwise.Count > 0, "otherwise", "only gates have \"otherwise\"");
        NotAllowed(kind != StepKind.SubProcedure && step.Procedure is not null, "procedure", "only sub-procedure steps start a procedure");
        NotAllowed(kind != StepKind.SubProcedure && step.PassAttributes.Count > 0, "passAttributes", "only sub-procedure steps pass attributes");
        for (var j = 0; j < step.PassAttributes.Count; j++)
        {
            if (!declared.Contains(step.PassAttributes[j]))
            {
                error($"{path}.passAttributes[{j}]", $"attribute '{step.PassAttributes[j]}' is not declared in $.attributes");
            }
        }

        foreach (var (period, field) in new[] { (step.Due, "due"), (step.Minimum, "minimum"), (step.Duration, "duration") })
        {
            if (period?.Setting is { } setting && vocabulary is not null && !vocabulary.PeriodSettings.Contains(setting))
            {
                error($"{path}.{field}.setting", $"unknown jurisdiction setting '{setting}' (known: {string.Join(", ", vocabulary.PeriodSettings.Order())})");
            }
            if (period is null)
            {
                continue;
            }
            if (period.From is { } from && !index.ContainsKey(from))
            {
                error($"{path}.{field}.from", $"step '{from}' does not exist");
            }
            Names(period.When, $"{field}.when");
            if (period.ReasonIfShorter && (period.When is null || period.Restricts != PeriodRestriction.Requests))
            {
                error($"{path}.{field}.reasonIfShorter", "only a minimum that restricts requests and is waived by a \"when\" can be shortened with a reason");
            }
        }

        switch (kind)
        {
            case StepKind.HumanTask:
                if (step.Role is null)
                {
                    error($"{path}.role", "a human task needs the role that performs it");
                }
                else if (vocabulary is not null && !vocabulary.Roles.Contains(step.Role))
                {
                    error($"{path}.role", $"unknown role '{step.Role}' (known: {string.Join(", ", vocabulary.Roles.Order())})");
                }
                if (step.Organization is null)
                {
                    error($"{path}.organization", "a human task needs the organization scope whose members perform it");
                }
                else if (vocabulary is not null && !vocabulary.Scopes.Contains(step.Organization))
                {
                    error($"{path}.organization", $"unknown organization scope '{step.Organization}' (known: {string.Join(", ", vocabulary.Scopes.Order())})");
                }
                if (step.Outcomes.Count == 0)
                {
                    error($"{path}.outcomes", "a human task needs at least one outcome");
                }
                break;
            case StepKind.Timer when step.Duration is null:
                error($"{path}.duration", "a timer needs a duration");
                break;
            case StepKind.Gate when step.Condition is null:
                error($"{path}.condition", "a gate needs a condition");
                break;
            case StepKind.SubProcedure when step.Procedure is null:
                error($"{path}.procedure", "a sub-procedure step needs the id of the procedure it starts");
                break;
            case StepKind.SubProcedure when !KebabCase().IsMatch(step.Procedure):
                error($"{path}.procedure", $"'{step.Procedure}' must be a procedure id (kebab-case)");
                break;
        }
    }

    private static void CheckEvents(IReadOnlyList<EventDefinition> events, string path, Dictionary<string, int> index, Action<string, string> error)
    {
        var signals = new HashSet<string>();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (!KebabCase().IsMatch(e.Signal))
            {
                error($"{path}[{i}].signal", $"'{e.Signal}' must be kebab-case");
            }
            if (e.SentBy is { } sender && !KebabCase().IsMatch(sender))
            {
                error($"{path}[{i}].sentBy", $"'{sender}' must be kebab-case (the name of the domain command)");
            }
            if (!signals.Add(e.Signal))
            {
                error($"{path}[{i}].signal", $"signal '{e.Signal}' is heard twice here");
            }
            for (var j = 0; j < e.Next.Count; j++)
            {
                if (!index.ContainsKey(e.Next[j]))
                {
                    error($"{path}[{i}].next[{j}]", $"step '{e.Next[j]}' does not exist");
                }
            }
        }
    }

    private static void CheckParties(StepDefinition step, PartiesDefinition parties, string path, DefinitionVocabulary? vocabulary, Action<string, string> error)
    {
        if (parties.Role is { } role && vocabulary is not null && !vocabulary.Roles.Contains(role))
        {
            error($"{path}.role", $"unknown role '{role}' (known: {string.Join(", ", vocabulary.Roles.Order())})");
        }
        if (parties.Organization is { } partyScope && vocabulary is not null && !vocabulary.Scopes.Contains(partyScope))
        {
            error($"{path}.organization", $"unknown organization scope '{partyScope}' (known: {string.Join(", ", vocabulary.Scopes.Order())})");
        }
        if (parties.CompletedBy is { } partyCommand && !KebabCase().IsMatch(partyCommand))
        {
            error($"{path}.completedBy", $"'{partyCommand}' must be kebab-case (the name of the domain command)");
        }
        if ((parties.RecorderRole is null) != (parties.RecorderOrganization is null))
        {
            error($"{path}.{(parties.RecorderRole is null ? "recorderRole" : "recorderOrganization")}",
                "a recorder needs both a role and the organization scope in which it is held");
        }
        if (parties.RecorderRole is { } recorder && vocabulary is not null && !vocabulary.Roles.Contains(recorder))
        {
            error($"{path}.recorderRole", $"unknown role '{recorder}'");
        }
        if (parties.RecorderOrganization is { } scope && vocabulary is not null && !vocabulary.Scopes.Contains(scope))
        {
            error($"{path}.recorderOrganization", $"unknown organization scope '{scope}'");
        }
        var ids = new HashSet<string>();
        for (var j = 0; j < parties.Outcomes.Count; j++)
        {
            var outcome = parties.Outcomes[j];
            if (!KebabCase().IsMatch(outcome.Id))
            {
                error($"{path}.outcomes[{j}].id", $"'{outcome.Id}' must be kebab-case");
            }
            if (!ids.Add(outcome.Id))
            {
                error($"{path}.outcomes[{j}].id", $"outcome '{outcome.Id}' is used twice");
            }
            if (outcome.Next is not null)
            {
                error($"{path}.outcomes[{j}].next", "a party's outcome records an opinion and leads nowhere; the step's outcome (or next) continues");
            }
        }
        if (!parties.Last)
        {
            for (var j = 0; j < step.Outcomes.Count; j++)
            {
                if (step.Outcomes[j].Next is not null)
                {
                    error($"{path.Replace(".parties", "")}.outcomes[{j}].next",
                        "without \"last\" the step completes by its completion rule and follows its \"next\"; an outcome cannot lead elsewhere");
                }
            }
        }
    }

    private static void CheckGraph(ProcedureDefinition definition, Dictionary<string, int> index, Action<string, string> error)
    {
        var successors = definition.Steps.ToDictionary(s => s.Id, s => s.AllSuccessors().ToList());

        // Instance events can start a branch at any time, so their targets are entry points like the start.
        var reachable = Reach(definition.Start, successors);
        foreach (var target in definition.Events.SelectMany(e => e.Next))
        {
            reachable.UnionWith(Reach(target, successors));
        }
        foreach (var step in definition.Steps.Where(s => !reachable.Contains(s.Id)))
        {
            error($"$.steps[{index[step.Id]}]", $"step '{step.Id}' can never be reached from the start step '{definition.Start}'");
        }

        foreach (var step in definition.Steps)
        {
            for (var j = 0; j < step.Join.Count; j++)
            {
                if (!Reach(step.Join[j], successors).Contains(step.Id))
                {
                    error($"$.steps[{index[step.Id]}].join[{j}]", $"waits for '{step.Join[j]}', which never leads to '{step.Id}'");
                }
            }
        }

        foreach (var step in definition.Steps)
        {
            foreach (var (period, field) in new[] { (step.Due, "due"), (step.Minimum, "minimum"), (step.Duration, "duration") })
            {
                // The anchor must come before the step, or the period would be counted from a moment that has not happened.
                if (period?.From is { } from && from != step.Id && !Reach(from, successors).Contains(step.Id))
                {
                    error($"$.steps[{index[step.Id]}].{field}.from", $"counts from '{from}', which never leads to '{step.Id}'");
                }
            }
        }

        foreach (var cycle in StronglyConnected.Components(successors).Where(c => c.Count > 1 || successors[c.First()].Contains(c.First())))
        {
            var steps = cycle.Select(definition.Step).ToList();
            var canLeave = steps.Any(s =>
                s.AllSuccessors().Any(n => !cycle.Contains(n)) || EndsBranch(s));
            var first = steps.Min(s => index[s.Id]);
            var names = string.Join(" → ", steps.OrderBy(s => index[s.Id]).Select(s => s.Id));
            if (!canLeave)
            {
                error($"$.steps[{first}]", $"the loop {names} has no way out");
            }
            else if (steps.All(s => s.Kind is StepKind.Automatic or StepKind.Gate))
            {
                error($"$.steps[{first}]", $"the loop {names} never waits for a person or a timer, so it would run forever");
            }
        }
    }

    /// <summary>
    /// The sub-procedure references between definitions loaded together: each names a loaded procedure, and no
    /// procedure starts itself through others (a → b → a would nest instances without end).
    /// </summary>
    public static IReadOnlyList<DefinitionError> ValidateSubProcedures(IReadOnlyCollection<ProcedureDefinition> definitions)
    {
        var errors = new List<DefinitionError>();
        var uses = definitions.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.SelectMany(d => d.SubProcedures()).Distinct().ToList());
        foreach (var definition in definitions)
        {
            for (var i = 0; i < definition.Steps.Count; i++)
            {
                if (definition.Steps[i].Procedure is not { } child)
                {
                    continue;
                }
                var path = $"$.steps[{i}].procedure";
                if (!uses.ContainsKey(child))
                {
                    errors.Add(new DefinitionError(definition.SourceFile ?? "(uploaded definition)", path, $"procedure '{child}' is not defined in this folder"));
                }
                else if (Reach(child, uses).Contains(definition.Id))
                {
                    errors.Add(new DefinitionError(definition.SourceFile ?? "(uploaded definition)", path,
                        $"procedure '{child}' starts '{definition.Id}' again as a sub-procedure (directly or through others): the instances would nest without end"));
                }
            }
        }
        return errors;
    }

    /// <summary>A step that can end its branch: no successors at all, or an outcome that leads nowhere.</summary>
    private static bool EndsBranch(StepDefinition step) =>
        (step.Outcomes.Count == 0 && step.Next.Count == 0 && step.Otherwise.Count == 0)
        || step.Outcomes.Any(o => (o.Next ?? step.Next).Count == 0)
        || (step.Kind == StepKind.Gate && (step.Next.Count == 0 || step.Otherwise.Count == 0))
        || step.When is not null && step.Next.Count == 0;

    private static HashSet<string> Reach(string from, Dictionary<string, List<string>> successors)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<string>(successors[from]);
        while (queue.TryDequeue(out var id))
        {
            if (seen.Add(id))
            {
                successors.GetValueOrDefault(id)?.ForEach(queue.Enqueue);
            }
        }
        seen.Add(from);
        return seen;
    }
}
