/**
 * Passwords that guessing tools try first: the most frequent entries of public breach corpora
 * (international and Chinese-speaking sites), lower case. A password whose lower-case form is
 * here, or is one of these with a year or a few digits appended, is refused.
 */
export const COMMON_PASSWORDS: readonly string[] = `
123456 123456789 12345678 password qwerty123 qwerty 1234567890 1234567 111111 123123 abc123 password1
iloveyou 000000 1q2w3e4r 1q2w3e4r5t qwertyuiop 123321 654321 666666 888888 987654321 123qwe 1qaz2wsx
1qazxsw2 zaq12wsx zxcvbnm asdfghjkl asdf1234 qwer1234 q1w2e3r4 a1b2c3d4 11111111 00000000 88888888
66666666 99999999 12341234 11223344 12344321 87654321 147258369 159357 123654 121212 112233 123abc
a123456 a12345678 aa123456 abc123456 abcd1234 admin admin123 admin1234 administrator root root123
welcome welcome1 welcome123 letmein letmein123 monkey dragon master master123 sunshine princess football
baseball superman batman trustno1 shadow michael jennifer hunter hunter2 killer charlie jordan freedom
whatever starwars passw0rd p@ssw0rd p@ssword pa55word password12 password123 password1234 passwort
changeme changeme123 secret secret123 test test123 test1234 testtest guest guest123 default
login login123 user user123 qazwsx qazwsxedc 1qaz2wsx3edc zaq1xsw2 !qaz2wsx qwe123 qwe123456 asd123
asd123456 zxc123 zxc123456 woaini woaini1314 woaini520 woaini123 5201314 520520 1314520 13145200
52013140 wo123456 ww123456 qq123456 qq1234567 q123456 q1234567 z123456 zx123456 aini1314 iloveyou1
iloveyou123 xiaoming huang123 wang123456 li123456 zhang123 zhang123456 liu123456 chen123456 wangwei
lilei hanmeimei 7758521 7758258 1314521 147258 258369 369258 159753 753951 951753 789456 456789
456123 321321 123789 789123 741852963 963852741 qwertyui asdfghjk zxcvbnm123 1234qwer 4321rewq
q1w2e3 q1w2e3r4t5 1a2b3c4d aaaaaaaa aaaaaa abcdefg abcdefgh abcdef 1111111111 0123456789 9876543210
12345a 123456a 1234567a 12345678a 123456aa a1234567 a1s2d3f4 qaz123 wsx123 edc123 china china123
zhongguo beijing shanghai beijing2008 baidu baidu123 taobao alibaba tencent huawei xiaomi
duban duban123 duban1234 dubanadmin duban@123 admin@123 admin888 admin666 root@123 abc@123 test@123
Aa123456 aa123123 qwe@123 1qaz@wsx p@ssw0rd1 password! password@123 passw0rd123 mima123 mima1234
mima123456 mima mimamima 12345qwert qwert12345 1234abcd abcd12345 internet computer system system123
server server123 oracle mysql postgres postgres123 redis ubuntu linux windows office office123
government gov123 zhengfu zhengfu123 bangongshi bangong123 lianxihuiyi dubanban
`.trim().split(/\s+/).map((p) => p.toLowerCase());
