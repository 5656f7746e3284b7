/** @jsxImportSource @emotion/react */
import { css } from '@emotion/react';
import { useState } from 'react';

/** A stable hue per channel, so a fallback avatar is recognisable from one page to the next. */
function hueOf(seed: string): number {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 360;
  return hash;
}

function initials(name: string): string {
  const letters = [...name.trim()].filter((c) => /\p{L}|\p{N}/u.test(c));
  return (letters.slice(0, 2).join('') || '?').toUpperCase();
}

export function ChannelAvatar({ name, src, seed }: { name: string; src: string | null; seed: string }) {
  const [broken, setBroken] = useState(false);
  if (src && !broken) {
    return (
      <img
        src={src}
        alt=""
        loading="lazy"
        referrerPolicy="no-referrer"
        onError={() => setBroken(true)}
        className="size-9 shrink-0 rounded-full bg-muted object-cover"
      />
    );
  }
  const hue = hueOf(seed);
  return (
    <span
      aria-hidden
      className="flex size-9 shrink-0 items-center justify-center rounded-full text-xs font-semibold"
      css={css`
        background-color: hsl(${hue} 60% 88%);
        color: hsl(${hue} 55% 28%);
        .dark & {
          background-color: hsl(${hue} 35% 28%);
          color: hsl(${hue} 70% 88%);
        }
      `}
    >
      {initials(name)}
    </span>
  );
}
