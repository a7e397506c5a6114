// The one sanitizer lives in @hookline/contract, shared with every service's way in.
export { escapeHostileCharacters, hasHostileCharacter, refuseHostileText } from '@hookline/contract';
