import { z } from "zod";
import { commonPasswords } from "./common-passwords.ts";
import { passwordRules, usernameRules } from "./credential-rules.ts";

export const usernameSchema = z
  .string()
  .trim()
  .min(usernameRules.min, `Usernames are at least ${usernameRules.min} characters.`)
  .max(usernameRules.max, `Usernames are at most ${usernameRules.max} characters.`)
  .regex(usernameRules.pattern, "Usernames use only letters a–z, digits, _ and -.")
  .transform((name) => name.toLowerCase());

export const newPasswordSchema = z
  .string()
  .min(passwordRules.min, `Passwords are at least ${passwordRules.min} characters.`)
  .max(passwordRules.max, `Passwords are at most ${passwordRules.max} characters.`)
  .refine((password) => !commonPasswords.has(password.toLowerCase()), "That password is too common: pick another.");

export const signupSchema = z.object({ username: usernameSchema, password: newPasswordSchema });

/** Log-in checks only the shape: rules may have changed since an account was made. */
export const loginSchema = z.object({
  username: z.string().trim().min(1, "Enter your username.").max(usernameRules.max),
  password: z.string().min(1, "Enter your password.").max(passwordRules.max),
});

/** The first problem, phrased for a form. */
export const firstIssue = (error: z.ZodError) => error.issues[0]?.message ?? "Invalid input.";
