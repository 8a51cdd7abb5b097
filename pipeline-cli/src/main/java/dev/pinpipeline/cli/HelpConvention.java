package dev.pinpipeline.cli;

import picocli.CommandLine.Command;

/**
 * How every pipeline tool shows its options, mixed into each command and subcommand:
 * {@code @Mixin HelpConvention helpConvention;}. picocli applies a mixin's {@code @Command} attributes to the command.
 *
 * <ul>
 *   <li>Each option's default is printed under it as {@code Default: …}, by picocli, from the option's
 *       {@code defaultValue}: a default is stated once, in the annotation, never again in the description. An option
 *       whose default is computed (today's date, a random seed) ends its description with {@code Default: …}, and
 *       one initialised in code (a list, today's date) or secret (a password) sets
 *       {@code showDefaultValue = Visibility.NEVER}. A boolean's default shows only with {@code Visibility.ALWAYS}.
 *   <li>Options keep the order of their declaration; the help is as wide as the terminal.
 * </ul>
 */
@Command(showDefaultValues = true, sortOptions = false, usageHelpAutoWidth = true)
public final class HelpConvention {}
