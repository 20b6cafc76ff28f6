"use client";
import type { FieldValues, Path, UseFormRegister } from "react-hook-form";
import type { CatalogField } from "@/lib/destinations/types";
import { Badge } from "@/components/ui/badge";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import { FieldHint } from "./field-hint";
import { isFieldRequired, isSecretField, type SettingsFormValues } from "./settings-schema";

export interface SettingsFieldInputProps<T extends FieldValues> {
  field: CatalogField;
  values: SettingsFormValues;
  isSecretSet: boolean;
  register: UseFormRegister<T>;
  error?: string;
}

/** One generated input: its control follows the field's type, choices and secrecy. */
export function SettingsFieldInput<T extends FieldValues>(props: SettingsFieldInputProps<T>) {
  const { field, values, isSecretSet, register, error } = props;
  const id = `setting-${field.key}`;
  const name = `settings.${field.key}` as Path<T>;
  const isRequired = isFieldRequired(field, values);
  const isSecret = isSecretField(field);
  const hint = [field.description, field.dynamic && "Type the value: its options come from the vendor's API."]
    .filter(Boolean)
    .join(" ");

  if (field.type === "boolean" && !field.multiple) {
    return (
      <div className="space-y-1">
        <label className="flex items-start gap-2 text-sm font-medium text-slate-700" htmlFor={id}>
          <input
            id={id}
            type="checkbox"
            className="mt-0.5 size-4 rounded border-slate-300 accent-indigo-600"
            {...register(name)}
          />
          <span>{field.label}</span>
        </label>
        {hint && (
          <p className="pl-6 text-xs text-slate-500">
            <FieldHint text={hint} />
          </p>
        )}
      </div>
    );
  }

  if (field.multiple && field.choices) {
    return (
      <fieldset className="space-y-1.5" aria-describedby={error ? `${id}-error` : undefined}>
        <legend className="text-sm font-medium text-slate-700">
          {field.label}
          {isRequired && <span className="ml-0.5 text-red-600">*</span>}
        </legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {field.choices.map((choice) => (
            <label key={String(choice.value)} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                value={String(choice.value)}
                className="size-4 accent-indigo-600"
                {...register(name)}
              />
              {choice.label}
            </label>
          ))}
        </div>
        {hint && (
          <p className="text-xs text-slate-500">
            <FieldHint text={hint} />
          </p>
        )}
        {error && (
          <p id={`${id}-error`} data-testid="field-error" className="text-xs font-medium text-red-600">
            {error}
          </p>
        )}
      </fieldset>
    );
  }

  const label = (
    <span className="inline-flex flex-wrap items-center gap-2">
      {field.label}
      {isSecret && isSecretSet && (
        <Badge variant="success" data-testid="secret-set">
          Set
        </Badge>
      )}
    </span>
  );
  const secretHint = isSecret
    ? isSecretSet
      ? "Stored encrypted and never shown. Leave empty to keep it; type a new value to replace it."
      : "Stored encrypted and never shown again."
    : "";
  const fullHint = [hint, secretHint, field.multiple && "One value per line."].filter(Boolean).join(" ");
  return (
    <Field
      htmlFor={id}
      label={label}
      isRequired={isRequired && !(isSecret && isSecretSet)}
      hint={fullHint ? <FieldHint text={fullHint} /> : undefined}
      error={error}
    >
      {field.choices ? (
        <Select {...register(name)}>
          <option value="">{isRequired ? "Choose…" : "—"}</option>
          {field.choices.map((choice) => (
            <option key={String(choice.value)} value={String(choice.value)}>
              {choice.label}
            </option>
          ))}
        </Select>
      ) : field.type === "object" || field.type === "text" || field.format === "text" || field.multiple ? (
        <Textarea
          rows={field.type === "object" ? 5 : 3}
          className={field.type === "object" ? "font-mono text-xs" : undefined}
          placeholder={field.placeholder ?? (field.type === "object" ? '{ "key": "value" }' : undefined)}
          {...register(name)}
        />
      ) : (
        <Input
          type={isSecret ? "password" : field.format === "uri" ? "url" : "text"}
          inputMode={field.type === "number" || field.type === "integer" ? "decimal" : undefined}
          autoComplete={isSecret ? "new-password" : "off"}
          placeholder={isSecret && isSecretSet ? "•••••••• (set)" : field.placeholder}
          {...register(name)}
        />
      )}
    </Field>
  );
}
