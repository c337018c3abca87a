// Passwords that top the published breach lists, lower-cased. A password is refused
// when it is one of these, or one of these with digits or symbols added at either end
// ("password2024!"), since attackers try exactly those first.
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456', '123456789', '12345678', '12345', '1234567', '1234567890', '123123', '000000', '111111', '123321',
  '654321', '666666', '121212', '112233', '7777777', '987654321', '11111111', '555555', '1q2w3e4r', '1q2w3e4r5t',
  '1qaz2wsx', 'qwerty', 'qwerty123', 'qwertyuiop', 'qwertyuiop123', 'qwerty1', 'asdfgh', 'asdfghjkl', 'zxcvbnm', 'zxcvbn',
  'azerty', 'qazwsx', 'password', 'password1', 'password12', 'password123', 'password1234', 'passw0rd', 'p@ssw0rd', 'p@ssword',
  'pass', 'pass123', 'passpass', 'passwordpassword', 'letmein', 'welcome', 'welcome1', 'welcome123', 'iloveyou', 'iloveyou1',
  'admin', 'admin123', 'administrator', 'root', 'toor', 'login', 'guest', 'master', 'changeme', 'secret',
  'abc123', 'abcd1234', 'abcdef', 'abcdefg', 'abcdefgh', 'abcdefghijkl', 'aaaaaa', 'a1b2c3', 'a1b2c3d4', 'default',
  'monkey', 'dragon', 'football', 'baseball', 'basketball', 'soccer', 'hockey', 'tennis', 'golf', 'cricket',
  'sunshine', 'princess', 'shadow', 'superman', 'batman', 'spiderman', 'starwars', 'pokemon', 'naruto', 'minecraft',
  'michael', 'jennifer', 'jessica', 'charlie', 'thomas', 'robert', 'daniel', 'andrew', 'joshua', 'jordan',
  'hunter', 'ranger', 'buster', 'tigger', 'ginger', 'pepper', 'summer', 'winter', 'spring', 'autumn',
  'flower', 'cookie', 'chocolate', 'cheese', 'banana', 'orange', 'purple', 'yellow', 'silver', 'diamond',
  'freedom', 'whatever', 'trustno1', 'nothing', 'computer', 'internet', 'access', 'mustang', 'corvette', 'ferrari',
  'harley', 'maverick', 'phoenix', 'killer', 'matrix', 'zaq12wsx', 'qweasd', 'qweasdzxc', 'asdasd', 'asd123',
  'loveme', 'lovely', 'love', 'lovers', 'babygirl', 'angel', 'angels', 'butterfly', 'sweety', 'sweetheart',
  'hello', 'hello123', 'hellohello', 'helloworld', 'test', 'test123', 'testing', 'testtest', 'demo', 'sample',
  'fuckyou', 'fuckoff', 'asshole', 'biteme', 'blahblah', 'superstar', 'rockstar', 'letmein123', 'iloveu', 'ihateyou',
  'london', 'newyork', 'chelsea', 'liverpool', 'arsenal', 'manchester', 'barcelona', 'juventus', 'yankees', 'cowboys',
  'marathon', 'running', 'runner', 'physio', 'physiotherapy', 'therapy', 'health', 'doctor', 'nurse', 'patient',
  'loadline', 'clinic', 'practice', 'office', 'company', 'business', 'summer2024', 'winter2024', 'spring2024', 'autumn2024',
  'january', 'february', 'march', 'april', 'august', 'september', 'october', 'november', 'december', 'monday',
  'correcthorsebatterystaple', 'correct horse battery staple', 'opensesame', 'jesus', 'blessed', 'heaven', 'google', 'facebook', 'linkedin', 'twitter',
]);
