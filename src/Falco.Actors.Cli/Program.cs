using Falco.Actors.Cli;

return CommandLine.Run(args, Console.Out, Console.Error);
